package dev.attend.web.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The page's app/standalone-template.html, filled as app/export.js fills it, in one pass (filled text is not
 * scanned again): {@code {{name}}} takes the value given for name as it is (HTML already escaped),
 * {@code {{css FILE...}}} the files' text, and {@code {{script FILE...}}} the files' text without import lines and
 * export keywords, as one classic script. FILE is a path under the page's root (classpath {@code web/}).
 */
final class StandaloneTemplate {
    private static final String ROOT = "web/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)((?: [\\w./-]+)*)}}");
    private static final Pattern IMPORT_LINE = Pattern.compile("(?m)^import .*$");
    private static final Pattern EXPORT_KEYWORD = Pattern.compile("(?m)^export ");
    private static final Pattern SCRIPT_END = Pattern.compile("(?i)</script");

    private StandaloneTemplate() {}

    static String fill(Map<String, String> values) {
        return PLACEHOLDER.matcher(resource("app/standalone-template.html"))
                .replaceAll(m -> Matcher.quoteReplacement(value(m.group(1), m.group(2), values)));
    }

    private static String value(String key, String files, Map<String, String> values) {
        var sources = Arrays.stream(files.split(" ")).filter(name -> !name.isEmpty()).map(StandaloneTemplate::resource);
        return switch (key) {
            case "css" -> sources.collect(Collectors.joining("\n"));
            case "script" -> SCRIPT_END.matcher(sources
                    .map(s -> EXPORT_KEYWORD.matcher(IMPORT_LINE.matcher(s).replaceAll("")).replaceAll(""))
                    .collect(Collectors.joining("\n"))).replaceAll(Matcher.quoteReplacement("<\\/script"));
            default -> {
                String value = values.get(key);
                if (value == null) throw new IllegalStateException("no value for {{" + key + "}} of the template");
                yield value;
            }
        };
    }

    private static String resource(String name) {
        try (InputStream in = StandaloneTemplate.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) throw new IllegalStateException(ROOT + name + " is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
