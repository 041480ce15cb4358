package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the guides under {@code docs/} take their code from {@code samples}: a block preceded by
 * {@code <!-- snippet: <path from the repository root>#<tag>[+<tag>…] -->} must equal the regions between
 * {@code // tag::<tag>[]} and {@code // end::<tag>[]} in that file (several joined by a blank line), each with its common
 * indentation removed. The sample files are compiled and run by the build, so the documents' code is too; and every
 * {@code java} block must be such a snippet.
 */
class DocsSnippetsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\n```\\w*\\n(.*?)```", Pattern.DOTALL);

    record Snippet(Path guide, String file, String tag, String code) {}

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n");

    /** The README and every guide. */
    static List<Path> documents() throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(ROOT.resolve("README.md"));
        try (Stream<Path> guides = Files.list(ROOT.resolve("docs"))) {
            guides.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    static List<Snippet> snippets() throws IOException {
        List<Snippet> out = new ArrayList<>();
        for (Path guide : documents()) {
            Matcher m = SNIPPET.matcher(Files.readString(guide));
            while (m.find()) {
                out.add(new Snippet(guide, m.group(1), m.group(2), m.group(3)));
            }
        }
        return out;
    }

    /** The regions a snippet names ({@code a+b}), joined by a blank line. */
    static String regions(String file, String tags) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String tag : tags.split("\\+")) {
            sb.append(sb.isEmpty() ? "" : "\n").append(region(file, tag));
        }
        return sb.toString();
    }

    @Test
    void everyJavaBlock_isASnippetOfCompiledCode() throws IOException {
        for (Path doc : documents()) {
            String text = Files.readString(doc);
            Matcher block = JAVA_BLOCK.matcher(text);
            while (block.find()) {
                String before = text.substring(0, block.start());
                String previousLine = before.stripTrailing().lines().reduce((a, b) -> b).orElse("");
                assertTrue(previousLine.startsWith("<!-- snippet: "), ROOT.relativize(doc) + " has a java block that is not a snippet of"
                        + " compiled code, at line " + (before.lines().count() + 1) + ": put the code in samples and mark it");
            }
        }
    }

    static String region(String file, String tag) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(file));
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.equals("// tag::" + tag + "[]")) {
                start = i + 1;
            } else if (t.equals("// end::" + tag + "[]")) {
                end = i;
            }
        }
        if (start < 0 || end < start) {
            throw new AssertionError(file + " has no region " + tag);
        }
        List<String> body = lines.subList(start, end);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : body) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void everySnippetEqualsItsSampleRegion() throws IOException {
        List<Snippet> all = snippets();
        assertFalse(all.isEmpty(), "no snippets found under " + ROOT.resolve("docs"));
        for (Snippet s : all) {
            assertEquals(regions(s.file(), s.tag()), s.code(), ROOT.relativize(s.guide()) + " snippet " + s.file() + "#" + s.tag());
        }
    }

    @Test
    void theSnippetSourcesAreSampleFiles() throws IOException {
        for (Snippet s : snippets()) {
            assertTrue(s.file().startsWith("samples/"), s.file() + ": guides' code comes from samples");
        }
    }
}
