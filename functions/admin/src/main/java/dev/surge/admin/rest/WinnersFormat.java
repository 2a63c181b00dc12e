package dev.surge.admin.rest;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.surge.admin.WinnersPage;
import dev.surge.admin.service.WinnersExport;

/**
 * Writes a page of winners as CSV or as JSON lines, each row as it is read: nothing of a page is held but the
 * row being written and the writer's buffer.
 */
@Singleton
public class WinnersFormat {

    public static final String CSV_HEADER = "kind,campaignId,userId,reference,prizeId,prizeName,amountCents,at\n";

    private final WinnersExport export;
    private final ObjectMapper json;

    public WinnersFormat(WinnersExport export, ObjectMapper json) {
        this.export = export;
        this.json = json;
    }

    public void csv(WinnersPage page, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(unflushed(out), StandardCharsets.UTF_8), 16 * 1024);
        writer.write(CSV_HEADER);
        export.write(page, w -> {
            writer.write(w.kind().wireName());
            writer.write(',');
            writer.write(Long.toString(w.campaignId()));
            writer.write(',');
            writer.write(cell(w.userId()));
            writer.write(',');
            writer.write(cell(w.reference()));
            writer.write(',');
            writer.write(w.prizeId() == null ? "" : Long.toString(w.prizeId()));
            writer.write(',');
            writer.write(cell(w.prizeName()));
            writer.write(',');
            writer.write(w.amountCents() == null ? "" : Long.toString(w.amountCents()));
            writer.write(',');
            writer.write(w.at().toString());
            writer.write('\n');
        });
        writer.flush();
    }

    public void ndjson(WinnersPage page, OutputStream out) throws IOException {
        try (JsonGenerator generator = json.getFactory().createGenerator(unflushed(out))) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            // One object a line: no separator of Jackson's own between root values.
            generator.setRootValueSeparator(null);
            export.write(page, w -> {
                generator.writeStartObject();
                generator.writeStringField("kind", w.kind().wireName());
                generator.writeNumberField("campaignId", w.campaignId());
                generator.writeStringField("userId", w.userId());
                generator.writeStringField("reference", w.reference());
                if (w.prizeId() != null) {
                    generator.writeNumberField("prizeId", w.prizeId());
                    generator.writeStringField("prizeName", w.prizeName());
                }
                if (w.amountCents() != null) {
                    generator.writeNumberField("amountCents", w.amountCents());
                }
                generator.writeStringField("at", w.at().toString());
                generator.writeEndObject();
                generator.writeRaw('\n');
            });
        }
    }

    /**
     * A CSV field: quoted when it holds a separator, a quote or a line end; a leading {@code = + - @} is escaped
     * with a quote mark, so a spreadsheet never runs a user id or a prize name as a formula.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * The answer's stream without our flushes: a flush would commit the answer as chunked even when it is a few
     * bytes long; the HTTP layer flushes (and closes) it itself, chunking only what outgrows its buffer.
     */
    private static OutputStream unflushed(OutputStream out) {
        return new FilterOutputStream(out) {

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() {
                // See above.
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
