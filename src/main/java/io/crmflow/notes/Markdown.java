package io.crmflow.notes;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Markdown to safe HTML: CommonMark renders (raw HTML in the source is escaped, not passed through), then the OWASP
 * sanitizer keeps only formatting, lists, code, quotes and http(s)/mailto links (with rel=nofollow noopener).
 * Mentions written {@code @[Name](user-id)} render as {@code <span class="mention">@Name</span>}.
 */
public final class Markdown {

    static final Pattern MENTION = Pattern.compile("@\\[([^\\]\\[]{1,100})\\]\\(([0-9a-fA-F-]{36})\\)");

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .softbreak("<br>")
            .build();
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements(
                    "p",
                    "br",
                    "strong",
                    "em",
                    "code",
                    "pre",
                    "blockquote",
                    "ul",
                    "ol",
                    "li",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "hr",
                    "a",
                    "span",
                    "del")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href")
            .onElements("a")
            .allowAttributes("class")
            .matching(Pattern.compile("mention"))
            .onElements("span")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .toFactory();

    private Markdown() {}

    public static String toHtml(String markdown) {
        Matcher m = MENTION.matcher(markdown);
        var withMentions = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(withMentions, Matcher.quoteReplacement("MENTIONSTART" + m.group(1) + "MENTIONEND"));
        }
        m.appendTail(withMentions);
        String html = RENDERER.render(PARSER.parse(withMentions.toString()));
        html = html.replaceAll("MENTIONSTART(.*?)MENTIONEND", "<span class=\"mention\">@$1</span>");
        return POLICY.sanitize(html);
    }
}
