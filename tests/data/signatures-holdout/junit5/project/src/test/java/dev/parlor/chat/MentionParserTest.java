package dev.parlor.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MentionParserTest {
    private final MentionParser parser = new MentionParser();

    @Test
    void findsSingleMention() {
        assertEquals(Set.of("ana"), parser.mentions("hey @ana, standup?"));
    }

    @Test
    void ignoresEmailAddresses() {
        assertEquals(1, parser.mentions("@bo please mail ops@example.org").size());
    }

    @Test
    void mentionsInMixedText() {
        assertEquals(Set.of("jo-ann", "ana.silva"),
                parser.mentions("cc @Jo-Ann and @ana.silva (or write to jo@corp.example)"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "ping @ana; 1",
        "ask @bo or billing@shop.test; 1",
        "@ana @bo, invoices to ap@acme.test and ar@acme.test; 2",
    })
    void countsMentions(String text, int expected) {
        assertEquals(expected, parser.mentions(text).size());
    }
}
