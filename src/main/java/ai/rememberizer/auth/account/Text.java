package ai.rememberizer.auth.account;

/** Checks on untrusted text before it reaches a query, a hash or a log. */
final class Text {

    private Text() {
    }

    /** Every surrogate paired: the text can be encoded as UTF-8 (PostgreSQL refuses it otherwise). */
    static boolean isWellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Well-formed and free of control characters (NUL included, which PostgreSQL text cannot hold). */
    static boolean isClean(String value) {
        return isWellFormed(value) && value.chars().noneMatch(Character::isISOControl);
    }
}
