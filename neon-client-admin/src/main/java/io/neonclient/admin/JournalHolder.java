package io.neonclient.admin;

import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Who holds a journal for a run: the operator, the machine, the process and since when; printed as {@code user@host pid N since T}. */
record JournalHolder(String user, String host, long pid, Instant since) {

    /** This process, now. */
    static JournalHolder current() {
        return new JournalHolder(System.getProperty("user.name", "unknown"), hostName(), ProcessHandle.current().pid(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException e) {
            return env == null || env.isBlank() ? "unknown-host" : env;
        }
    }

    @Override
    public String toString() {
        return user + "@" + host + " pid " + pid + " since " + since;
    }
}
