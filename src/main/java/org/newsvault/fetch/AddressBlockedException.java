package org.newsvault.fetch;

import java.net.UnknownHostException;

/**
 * A connection the {@link AddressPolicy} refused. An {@link UnknownHostException} only because OkHttp's
 * {@code Dns} may throw nothing else; {@link FailureClassifier} turns it into {@code BLOCKED}, never {@code DNS},
 * so it is never retried.
 */
final class AddressBlockedException extends UnknownHostException {
    AddressBlockedException(String reason) {
        super(reason);
    }
}
