package ai.rememberizer.auth.session;

/**
 * The client of a sign-in or refresh, as the session list shows it: its user agent (at most
 * {@value #MAX_USER_AGENT} characters) and its address.
 */
public record SessionClient(String userAgent, String ip) {

    public static final int MAX_USER_AGENT = 256;

    public static final SessionClient NONE = new SessionClient(null, null);

    /** The user agent cut to its limit (never in the middle of a surrogate pair), the address as it is. */
    public static SessionClient of(String userAgent, String ip) {
        String agent = userAgent;
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            int end = Character.isHighSurrogate(agent.charAt(MAX_USER_AGENT - 1)) ? MAX_USER_AGENT - 1 : MAX_USER_AGENT;
            agent = agent.substring(0, end);
        }
        return new SessionClient(agent == null || agent.isBlank() ? null : agent, ip);
    }
}
