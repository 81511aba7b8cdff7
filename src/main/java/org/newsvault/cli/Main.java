package org.newsvault.cli;

/** Entry point of {@code newsvault.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // NIO keeps, per thread, a direct buffer as large as the largest heap buffer that thread ever wrote
        // to a file; H2 writes whole chunks from whichever thread commits, so a long-running daemon would
        // hold megabytes of them outside the heap. Set before any channel is used; an explicit -D wins.
        if (System.getProperty("jdk.nio.maxCachedBufferSize") == null) {
            System.setProperty("jdk.nio.maxCachedBufferSize", "262144");
        }
        System.exit(NewsvaultCommand.execute(args));
    }
}
