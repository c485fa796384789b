package ai.rememberizer.auth.importer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a file, one at a time, in bounded memory: a line is what lies between two
 * {@code \n} bytes (a {@code \r} before the {@code \n} is dropped, and so is a UTF-8 byte
 * order mark at the start of the file). A line over {@link #MAX_LINE_BYTES} is not kept: it
 * comes back as {@link Line#tooLong()}, and so the longest line of a hostile file costs no
 * more memory than that. Each line is decoded as strict UTF-8: a malformed one comes back as
 * {@link Line#notUtf8()}, and the next line is read as usual.
 */
final class LineReader implements Closeable {

    /** Far more than any user needs (an address, a name and a hash take under 2 KiB). */
    static final int MAX_LINE_BYTES = 64 * 1024;

    /** One line: its number (from 1) and its text, or why it has none. */
    record Line(long number, String text, boolean tooLong, boolean notUtf8) {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[256 * 1024];
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private long number;
    private long bytesRead;
    private boolean eof;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Bytes consumed so far (for progress). */
    long bytesRead() {
        return bytesRead;
    }

    /** The next line, or {@code null} at the end of the file. */
    Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                if (eof || !fill()) {
                    if (!any) {
                        return null;
                    }
                    break; // a last line without a newline
                }
            }
            any = true;
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int chunk = end - start;
            if (!tooLong) {
                if (length + chunk > MAX_LINE_BYTES) {
                    tooLong = true;
                } else {
                    System.arraycopy(buffer, start, line, length, chunk);
                    length += chunk;
                }
            }
            bytesRead += chunk;
            position = end;
            if (end < limit) { // the newline
                position++;
                bytesRead++;
                break;
            }
        }
        number++;
        if (tooLong) {
            return new Line(number, null, true, false);
        }
        int from = 0;
        if (number == 1 && length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
            from = 3;
        }
        if (length > from && line[length - 1] == '\r') {
            length--;
        }
        try {
            return new Line(number, decoder.decode(ByteBuffer.wrap(line, from, length - from)).toString(), false, false);
        } catch (CharacterCodingException e) {
            return new Line(number, null, false, true);
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            position = limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
