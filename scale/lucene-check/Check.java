// Loads baokan's OpenSearch export (bulk NDJSON files) into a Lucene 8 index with the
// template's analysis (whitespace-tokenized token fields, keyword filter fields, an integer
// date), runs query DSL files (`baokan search … --dsl`) through the Lucene queries OpenSearch
// maps them to, and prints each query's hits: one line per DSL file, `NAME<TAB>id id id…`
// (ids sorted).
//
// usage: java -cp LUCENE_JARS:. Check BULK_DIR DSL_DIR
//
// Only the DSL that `search --dsl` writes is read: bool (must, filter, should, must_not,
// minimum_should_match), match_phrase, prefix, term, terms, range, match_all, match_none,
// each with an optional boost. Anything else is an error, so a new clause cannot pass
// unchecked.

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.search.*;
import org.apache.lucene.store.*;

public class Check {
    static final Set<String> TOKENS = Set.of("title_grams", "body_grams", "title_words", "body_words", "columns");
    static final Set<String> KEYWORDS = Set.of("id", "kind", "paper", "source", "region", "city", "province", "places");

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Check BULK_DIR DSL_DIR");
            System.exit(2);
        }
        Directory dir = new ByteBuffersDirectory();
        long started = System.nanoTime();
        int docs = load(Paths.get(args[0]), dir);
        long bytes = 0;
        for (String file : dir.listAll()) {
            bytes += dir.fileLength(file);
        }
        System.err.printf("loaded %d documents in %.1f s; Lucene index %.1f MB%n", docs,
            (System.nanoTime() - started) / 1e9, bytes / 1e6);
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            // The template's similarity: BM25 with k1 0.3 and b 0 on the token fields.
            searcher.setSimilarity(new org.apache.lucene.search.similarities.BM25Similarity(0.3f, 0f));
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(Paths.get(args[1]), "*.json")) {
                stream.forEach(files::add);
            }
            Collections.sort(files);
            List<Double> latencies = new ArrayList<>();
            for (Path file : files) {
                Map<?, ?> body = (Map<?, ?>) new Json(Files.readString(file, StandardCharsets.UTF_8)).value();
                Query query = query(body.get("query"));
                TopDocs top = searcher.search(query, Math.max(1, reader.maxDoc()));
                List<String> ids = new ArrayList<>();
                for (ScoreDoc hit : top.scoreDocs) {
                    ids.add(searcher.doc(hit.doc).get("id"));
                }
                Collections.sort(ids);
                // The first page by score, as a shard answers it: the median of five runs.
                double[] runs = new double[5];
                for (int r = 0; r < runs.length; r++) {
                    long t = System.nanoTime();
                    searcher.search(query, 10);
                    runs[r] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(runs);
                latencies.add(runs[2]);
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                System.out.println(name + "\t" + String.join(" ", ids));
            }
            Collections.sort(latencies);
            if (!latencies.isEmpty()) {
                System.err.printf("top-10 query latency over %d queries: median %.2f ms, p90 %.2f ms%n",
                    latencies.size(), latencies.get(latencies.size() / 2),
                    latencies.get(Math.min(latencies.size() - 1, latencies.size() * 9 / 10)));
            }
        }
    }

    /** Indexes every action/source pair of the bulk files under `bulk`. */
    static int load(Path bulk, Directory dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(bulk, "bulk-*.ndjson")) {
            stream.forEach(files::add);
        }
        Collections.sort(files);
        int n = 0;
        IndexWriterConfig config = new IndexWriterConfig(new WhitespaceAnalyzer());
        config.setRAMBufferSizeMB(256);
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            for (Path file : files) {
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String action;
                    while ((action = in.readLine()) != null) {
                        Map<?, ?> source = (Map<?, ?>) new Json(in.readLine()).value();
                        writer.addDocument(document(source));
                        n++;
                    }
                }
            }
        }
        return n;
    }

    static Document document(Map<?, ?> source) {
        Document doc = new Document();
        for (Map.Entry<?, ?> e : source.entrySet()) {
            String field = (String) e.getKey();
            Object value = e.getValue();
            if (value == null || field.equals("doc") || field.equals("order")) {
                continue;
            }
            if (TOKENS.contains(field)) {
                doc.add(new TextField(field, (String) value, Field.Store.NO));
            } else if (field.equals("date")) {
                doc.add(new IntPoint(field, ((Number) value).intValue()));
            } else if (KEYWORDS.contains(field)) {
                List<?> values = value instanceof List ? (List<?>) value : List.of(value);
                for (Object v : values) {
                    doc.add(new StringField(field, (String) v, field.equals("id") ? Field.Store.YES : Field.Store.NO));
                }
            } else {
                throw new IllegalArgumentException("field not in the template: " + field);
            }
        }
        return doc;
    }

    /** The Lucene query OpenSearch runs for one DSL clause. */
    static Query query(Object clause) {
        Map<?, ?> map = (Map<?, ?>) clause;
        if (map.size() != 1) {
            throw new IllegalArgumentException("a clause has one key: " + map.keySet());
        }
        String kind = (String) map.keySet().iterator().next();
        Object spec = map.get(kind);
        switch (kind) {
            case "bool": return bool((Map<?, ?>) spec);
            case "match_all": return new MatchAllDocsQuery();
            case "match_none": return new MatchNoDocsQuery();
            case "match_phrase": return leaf((Map<?, ?>) spec, "query", Check::phrase);
            case "prefix": return leaf((Map<?, ?>) spec, "value", (f, v) -> new PrefixQuery(new Term(f, (String) v)));
            case "term": return leaf((Map<?, ?>) spec, "value", Check::term);
            case "terms": {
                Map.Entry<?, ?> e = only((Map<?, ?>) spec);
                BooleanQuery.Builder any = new BooleanQuery.Builder();
                for (Object v : (List<?>) e.getValue()) {
                    any.add(term((String) e.getKey(), v), BooleanClause.Occur.SHOULD);
                }
                return any.build();
            }
            case "range": {
                Map.Entry<?, ?> e = only((Map<?, ?>) spec);
                if (!e.getKey().equals("date")) {
                    throw new IllegalArgumentException("range on " + e.getKey());
                }
                Map<?, ?> bounds = (Map<?, ?>) e.getValue();
                int from = bounds.containsKey("gte") ? ((Number) bounds.get("gte")).intValue() : Integer.MIN_VALUE;
                int to = bounds.containsKey("lte") ? ((Number) bounds.get("lte")).intValue() : Integer.MAX_VALUE;
                return IntPoint.newRangeQuery("date", from, to);
            }
            default: throw new IllegalArgumentException("clause not handled: " + kind);
        }
    }

    static Query bool(Map<?, ?> spec) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean positive = false;
        for (Map.Entry<?, ?> e : spec.entrySet()) {
            String occur = (String) e.getKey();
            if (occur.equals("minimum_should_match")) {
                b.setMinimumNumberShouldMatch(((Number) e.getValue()).intValue());
                continue;
            }
            if (occur.equals("boost")) {
                continue;
            }
            BooleanClause.Occur o;
            switch (occur) {
                case "must": o = BooleanClause.Occur.MUST; positive = true; break;
                case "filter": o = BooleanClause.Occur.FILTER; positive = true; break;
                case "should": o = BooleanClause.Occur.SHOULD; positive = true; break;
                case "must_not": o = BooleanClause.Occur.MUST_NOT; break;
                default: throw new IllegalArgumentException("bool key not handled: " + occur);
            }
            for (Object clause : (List<?>) e.getValue()) {
                b.add(query(clause), o);
            }
        }
        if (!positive) {
            // OpenSearch matches every document a bool of must_not alone does not exclude.
            b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        }
        return b.build();
    }

    interface Leaf { Query make(String field, Object value); }

    /** `{field: value}` or `{field: {key: value, boost: b, …}}`. */
    static Query leaf(Map<?, ?> spec, String key, Leaf make) {
        Map.Entry<?, ?> e = only(spec);
        Object value = e.getValue();
        float boost = 1f;
        if (value instanceof Map) {
            Map<?, ?> options = (Map<?, ?>) value;
            if (options.containsKey("slop") && ((Number) options.get("slop")).intValue() != 0) {
                throw new IllegalArgumentException("slop other than 0");
            }
            if (options.containsKey("boost")) {
                boost = ((Number) options.get("boost")).floatValue();
            }
            value = options.get(key);
        }
        Query q = make.make((String) e.getKey(), value);
        return boost == 1f ? q : new BoostQuery(q, boost);
    }

    static Query phrase(String field, Object text) {
        String[] tokens = ((String) text).trim().split(" +");
        if (tokens.length == 1) {
            return new TermQuery(new Term(field, tokens[0]));
        }
        PhraseQuery.Builder p = new PhraseQuery.Builder();
        for (String t : tokens) {
            p.add(new Term(field, t));
        }
        return p.build();
    }

    static Query term(String field, Object value) {
        if (field.equals("date")) {
            return IntPoint.newExactQuery(field, ((Number) value).intValue());
        }
        return new TermQuery(new Term(field, (String) value));
    }

    static Map.Entry<?, ?> only(Map<?, ?> map) {
        if (map.size() != 1) {
            throw new IllegalArgumentException("expected one field: " + map.keySet());
        }
        return map.entrySet().iterator().next();
    }

    /** A small JSON reader: objects (ordered), arrays, strings, numbers, true/false/null. */
    static final class Json {
        final String s;
        int i;

        Json(String s) { this.s = s; }

        Object value() {
            skip();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    skip();
                    if (s.charAt(i) == '}') { i++; return m; }
                    while (true) {
                        skip();
                        String k = string();
                        skip(); expect(':');
                        m.put(k, value());
                        skip();
                        if (s.charAt(i) == ',') { i++; continue; }
                        expect('}');
                        return m;
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    skip();
                    if (s.charAt(i) == ']') { i++; return l; }
                    while (true) {
                        l.add(value());
                        skip();
                        if (s.charAt(i) == ',') { i++; continue; }
                        expect(']');
                        return l;
                    }
                }
                case '"': return string();
                case 't': i += 4; return Boolean.TRUE;
                case 'f': i += 5; return Boolean.FALSE;
                case 'n': i += 4; return null;
                default: {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
                    String n = s.substring(start, i);
                    if (n.contains(".") || n.contains("e") || n.contains("E")) return Double.parseDouble(n);
                    return Long.parseLong(n);
                }
            }
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: b.append(e);
                }
            }
        }

        void skip() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        void expect(char c) {
            if (s.charAt(i) != c) throw new IllegalArgumentException("expected " + c + " at " + i);
            i++;
        }
    }
}
