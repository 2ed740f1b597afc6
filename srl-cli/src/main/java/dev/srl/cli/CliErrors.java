package dev.srl.cli;

import dev.srl.core.io.DataFormatException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns the errors a user can cause (bad input, missing files, invalid options) into one line on standard
 * error and exit code 2; anything else is a bug and keeps its stack trace (exit code 1).
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof DataFormatException
                || ex instanceof IOException
                || ex instanceof UncheckedIOException
                || ex instanceof IllegalArgumentException) {
            cl.getErr().println("srl " + cl.getCommandName() + ": " + ex.getMessage());
            return USER_ERROR;
        }
        ex.printStackTrace(cl.getErr());
        return 1;
    }
}
