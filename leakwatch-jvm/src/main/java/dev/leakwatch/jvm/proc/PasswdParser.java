package dev.leakwatch.jvm.proc;

import java.util.Optional;

/** Parses {@code /etc/passwd}: {@code name:password:uid:gid:gecos:home:shell}. */
final class PasswdParser {

    private PasswdParser() {}

    /** The name of the first account with this uid; malformed lines are skipped. */
    static Optional<String> userName(String passwd, long uid) {
        String id = Long.toString(uid);
        for (String line : (Iterable<String>) passwd.lines()::iterator) {
            String[] fields = line.split(":", -1);
            if (fields.length > 2 && !fields[0].isEmpty() && fields[2].equals(id)) {
                return Optional.of(fields[0]);
            }
        }
        return Optional.empty();
    }
}
