package ai.rememberizer.auth.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<LineReader.Line> lines(byte[] bytes) throws IOException {
        return lines(new ByteArrayInputStream(bytes));
    }

    private static List<LineReader.Line> lines(InputStream in) throws IOException {
        List<LineReader.Line> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(in)) {
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsOnNewlinesDropsCarriageReturnsAndTheByteOrderMark() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
        bytes.write(utf8("first\r\nsécond\n\nlast without newline"));
        List<LineReader.Line> lines = lines(bytes.toByteArray());
        assertThat(lines).extracting(LineReader.Line::text).containsExactly("first", "sécond", "", "last without newline");
        assertThat(lines).extracting(LineReader.Line::number).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aFinalNewlineMakesNoEmptyLineAndAnEmptyFileNoLine() throws IOException {
        assertThat(lines(utf8("a\nb\n"))).extracting(LineReader.Line::text).containsExactly("a", "b");
        assertThat(lines(new byte[0])).isEmpty();
    }

    @Test
    void malformedUtf8SpoilsOnlyItsOwnLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(utf8("before\n"));
        bytes.write(new byte[] { 'x', (byte) 0xC3, '\n' }); // a truncated two-byte sequence
        bytes.write(new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n' }); // an encoded surrogate
        bytes.write(utf8("after\n"));
        List<LineReader.Line> lines = lines(bytes.toByteArray());
        assertThat(lines).extracting(LineReader.Line::notUtf8).containsExactly(false, true, true, false);
        assertThat(lines.get(3).text()).isEqualTo("after");
    }

    @Test
    void anOverlongLineIsSkippedInBoundedMemoryAndReadingGoesOn() throws IOException {
        // 10 MiB without a newline, produced on the fly: the reader never holds it.
        InputStream huge = new InputStream() {
            long left = 10L * 1024 * 1024;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
        InputStream in = new java.io.SequenceInputStream(new ByteArrayInputStream(utf8("ok\n")),
                new java.io.SequenceInputStream(huge, new ByteArrayInputStream(utf8("\nnext\n"))));
        List<LineReader.Line> lines = lines(in);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).tooLong()).isTrue();
        assertThat(lines.get(1).text()).isNull();
        assertThat(lines.get(2).text()).isEqualTo("next");
        // Exactly the limit is still a line.
        byte[] atLimit = new byte[LineReader.MAX_LINE_BYTES];
        java.util.Arrays.fill(atLimit, (byte) 'b');
        assertThat(lines(atLimit).get(0).tooLong()).isFalse();
    }
}
