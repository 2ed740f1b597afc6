package dev.srl.swe.sandbox;

/**
 * No sandbox can be made on this machine (bubblewrap missing, user namespaces disabled, …). Commands are then
 * refused: model output is never run outside a sandbox.
 */
public final class SandboxUnavailableException extends IllegalStateException {
    public SandboxUnavailableException(String reason) {
        super(reason);
    }
}
