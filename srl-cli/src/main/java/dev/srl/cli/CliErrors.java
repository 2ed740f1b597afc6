package dev.srl.cli;

import dev.srl.core.io.DataFormatException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

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
            cl.getErr().println("srl " + cl.getCommandName() + ": " + message(ex));
            return USER_ERROR;
        }
        ex.printStackTrace(cl.getErr());
        return 1;
    }

    /** The JDK's file exceptions carry only the path as their message; say what went wrong with it. */
    private static String message(Exception ex) {
        Throwable e = ex instanceof UncheckedIOException u && u.getCause() instanceof FileSystemException ? u.getCause() : ex;
        if (e instanceof NoSuchFileException f) return "no such file or folder: " + f.getFile();
        if (e instanceof AccessDeniedException f) return "permission denied: " + f.getFile();
        if (e instanceof FileAlreadyExistsException f) return "already exists: " + f.getFile();
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getFile() + ": " + f.getReason();
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
