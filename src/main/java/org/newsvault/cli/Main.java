package org.newsvault.cli;

/** Entry point of {@code newsvault.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(NewsvaultCommand.execute(args));
    }
}
