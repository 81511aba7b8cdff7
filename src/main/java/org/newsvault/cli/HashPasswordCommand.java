package org.newsvault.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.newsvault.web.PasswordHash;
import picocli.CommandLine.Command;

/** {@code newsvault hash-password}: the {@code web.password-hash} value for a password read from the terminal or stdin. */
@Command(name = "hash-password", description = {"Print the web.password-hash value (PBKDF2-SHA256) for a password",
    "read from the terminal (asked twice) or, when piped, from the first line of standard input.",
    "Put it in the config as web: {user: NAME, password-hash: \"...\"} to require basic auth."})
public final class HashPasswordCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        char[] password;
        Console console = System.console();
        if (console != null) {
            password = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (password == null || again == null || !Arrays.equals(password, again)) {
                throw new IllegalArgumentException("the two passwords differ");
            }
            Arrays.fill(again, '\0');
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password.length == 0) throw new IllegalArgumentException("empty password");
        System.out.println(PasswordHash.hash(password));
        Arrays.fill(password, '\0');
        return 0;
    }
}
