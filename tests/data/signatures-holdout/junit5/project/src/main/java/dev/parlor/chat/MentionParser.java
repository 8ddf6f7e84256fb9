package dev.parlor.chat;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class MentionParser {
    private static final Pattern MENTION = Pattern.compile("@([A-Za-z][\\w.-]*[\\w])");

    /** Distinct user names mentioned as @name; e-mail addresses are not mentions. */
    public Set<String> mentions(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) out.add(m.group(1).toLowerCase());
        return out;
    }
}
