package org.tuopin.base.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.TreeMap;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The first sheet of an XLSX workbook, read with POI's event API a row at a time, so that memory stays flat whatever
 * the workbook holds (docs/design-decisions/DD024). The cells' texts are those the whole-workbook reader gave: strings
 * as they are, numbers as Excel's shortest text ({@link NumberToTextConverter}), formulas as their cached results,
 * booleans as true/false, errors as empty.
 */
public final class WorkbookReader {

    /** [Content_Types].xml and the relationship parts, which POI reads as a whole into a DOM. */
    static final long MAX_STRUCTURE_PART_BYTES = 1024 * 1024;

    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private WorkbookReader() {
    }

    /** POI's zip-bomb fence is JVM-wide: every part of every workbook read is held to these. */
    public static void protect(ImportLimits limits) {
        ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
        ZipSecureFile.setMaxEntrySize(limits.maxInflatedBytes());
        // only POI's text extractors consult it; this reader counts characters itself, with the same budget
        ZipSecureFile.setMaxTextSize(limits.maxSharedChars());
    }

    public static void read(byte[] bytes, ImportLimits limits, RowSink rows) {
        Path file = null;
        try {
            // a file, not a stream: POI then unpacks a part only when it is read, instead of every part into memory
            file = Files.createTempFile("tuopin-import-", ".xlsx");
            Files.write(file, bytes);
            checkStructureParts(file, limits);
            OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            try {
                XSSFReader reader = new XSSFReader(pkg);
                String sheet = firstSheet(reader);
                SharedStrings strings = sharedStrings(reader, limits);
                try (InputStream in = reader.getSheet(sheet)) {
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new BoundedSheet(strings, limits, rows));
                    parser.parse(new InputSource(in));
                }
            } finally {
                pkg.revert();
            }
        } catch (ImportRefused refused) {
            throw refused;
        } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
            ImportRefused cause = refusal(e);
            if (cause != null) {
                throw cause;
            }
            if (zipBomb(e)) {
                throw new ImportRefused(null, "import.problem.inflated", limits.maxInflatedMegabytes());
            }
            // not a zip, an old .xls, a damaged workbook: POI throws many kinds, all mean "unreadable"
            throw new ImportRefused(null, "import.problem.notXlsx");
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the temporary directory is cleaned by the system
                }
            }
        }
    }

    /** The parts POI parses whole before any of ours is read: each unpacked and counted, none kept. */
    private static void checkStructureParts(Path file, ImportLimits limits) throws IOException {
        try (ZipSecureFile zip = new ZipSecureFile(file.toFile())) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            byte[] buffer = new byte[16 * 1024];
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (!name.equals("[content_types].xml") && !name.endsWith(".rels")) {
                    continue;
                }
                long total = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > MAX_STRUCTURE_PART_BYTES) {
                            throw new ImportRefused(null, "import.problem.inflated", limits.maxInflatedMegabytes());
                        }
                    }
                }
            }
        }
    }

    /** The relationship id of the first sheet in the workbook's order, read without keeping the others. */
    private static String firstSheet(XSSFReader reader) throws IOException, OpenXML4JException, SAXException {
        String[] found = new String[1];
        SAXException stop = new SAXException("first sheet found");
        DefaultHandler handler = new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes)
                    throws SAXException {
                if ("sheet".equals(localName)) {
                    found[0] = attributes.getValue(RELATIONSHIPS, "id");
                    throw stop;
                }
            }
        };
        try (InputStream in = reader.getWorkbookData()) {
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(handler);
            parser.parse(new InputSource(in));
        } catch (SAXException e) {
            if (e != stop) {
                throw e;
            }
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        if (found[0] == null) {
            // no sheet at all, or one without its relationship
            throw new ImportRefused(null, "import.problem.empty");
        }
        return found[0];
    }

    private static SharedStrings sharedStrings(XSSFReader reader, ImportLimits limits) throws IOException, SAXException {
        InputStream data;
        try {
            data = reader.getSharedStringsData();
        } catch (IOException | org.apache.poi.openxml4j.exceptions.InvalidFormatException | RuntimeException none) {
            data = null;
        }
        BoundedSharedStrings strings = new BoundedSharedStrings(limits);
        if (data != null) {
            try (InputStream in = data) {
                strings.readFrom(in);
            }
        } else {
            // an empty table for a workbook without one, so that lookups answer instead of failing
            strings.readFrom(new java.io.ByteArrayInputStream(
                    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return strings;
    }

    /**
     * POI's read-only table of shared strings, with the limits this import sets: no text longer than a cell may be,
     * at most two texts per row, and no more characters than the largest CSV file holds.
     */
    private static final class BoundedSharedStrings extends ReadOnlySharedStringsTable {

        private final ImportLimits limits;
        private long count;
        private long chars;
        private long itemChars;

        BoundedSharedStrings(ImportLimits limits) throws IOException, SAXException {
            // nothing is read here: the constructor would parse before this class's fields are set
            super(InputStream.nullInputStream(), false);
            this.limits = limits;
        }

        @Override
        public void readFrom(InputStream is) throws IOException, SAXException {
            if (limits == null) {
                return; // the super constructor's empty read
            }
            super.readFrom(is);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            if ("si".equals(localName)) {
                itemChars = 0;
                if (++count > limits.maxSharedStrings()) {
                    throw new ImportRefused(null, "import.problem.tooMuchText", String.format(Locale.ROOT, "%,d",
                            limits.maxSharedStrings()), String.format(Locale.ROOT, "%,d", limits.maxSharedChars()));
                }
            }
            super.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            itemChars += length;
            chars += length;
            if (itemChars > limits.maxCellChars()) {
                throw new ImportRefused(null, "import.problem.cellTooLong", limits.maxCellCharsText());
            }
            if (chars > limits.maxSharedChars()) {
                throw new ImportRefused(null, "import.problem.tooMuchText", String.format(Locale.ROOT, "%,d",
                        limits.maxSharedStrings()), String.format(Locale.ROOT, "%,d", limits.maxSharedChars()));
            }
            super.characters(ch, start, length);
        }
    }

    /**
     * Every cell style reads as General, so that POI hands every number to {@link ExcelNumbers}: the reader never
     * loads the workbook's own styles, which would be one more part parsed whole.
     */
    private static final class GeneralStyles extends StylesTable {
        private final XSSFCellStyle general = super.getStyleAt(0);

        @Override
        public XSSFCellStyle getStyleAt(int idx) {
            return general;
        }

        @Override
        public int getNumCellStyles() {
            return 1;
        }
    }

    /** A number as the whole-workbook reader wrote it: Excel's shortest text, 82490000 rather than 8.249E7. */
    private static final class ExcelNumbers extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return NumberToTextConverter.toText(value);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            return NumberToTextConverter.toText(value);
        }
    }

    /**
     * POI's sheet handler, told the cell's type and position as each cell starts, and counting the characters it is
     * given, so that neither a long text nor a row far below the limit is ever built.
     */
    private static final class BoundedSheet extends XSSFSheetXMLHandler {

        private final Collector collector;
        private final ImportLimits limits;
        private long chars;

        BoundedSheet(SharedStrings strings, ImportLimits limits, RowSink rows) {
            this(strings, limits, new Collector(rows, limits));
        }

        private BoundedSheet(SharedStrings strings, ImportLimits limits, Collector collector) {
            super(new GeneralStyles(), strings, collector, new ExcelNumbers(), false);
            this.collector = collector;
            this.limits = limits;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            switch (localName) {
                case "row", "oddHeader", "evenHeader", "firstHeader", "oddFooter", "evenFooter", "firstFooter" ->
                        chars = 0;
                case "c" -> {
                    chars = 0;
                    collector.cellStarts(attributes.getValue("r"), attributes.getValue("t"));
                }
                default -> {
                }
            }
            super.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            chars += length;
            if (chars > limits.maxCellChars()) {
                throw new ImportRefused(collector.rowNumber(), "import.problem.cellTooLong", limits.maxCellCharsText());
            }
            super.characters(ch, start, length);
        }
    }

    /** Gathers one row's cells and hands the row on; rows the sheet leaves out are handed on as blank rows. */
    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final RowSink rows;
        private final ImportLimits limits;
        private int nextRow;
        private int row = -1;
        private int column = -1;
        private int width;
        private @Nullable String type;
        private TreeMap<Integer, String> cells = new TreeMap<>();

        Collector(RowSink rows, ImportLimits limits) {
            this.rows = rows;
            this.limits = limits;
        }

        int rowNumber() {
            return row + 1;
        }

        void cellStarts(@Nullable String ref, @Nullable String cellType) {
            column = ref == null ? column + 1 : new CellReference(ref).getCol();
            width = Math.max(width, column + 1);
            type = cellType;
        }

        @Override
        public void startRow(int rowNum) {
            // the header and maxRows rows below it; row numbers are 0-based here
            if (rowNum > limits.maxRows()) {
                throw new ImportRefused(null, "import.problem.tooManyRows", limits.maxRowsText());
            }
            for (; nextRow < rowNum; nextRow++) {
                rows.row(nextRow + 1, SparseCells.BLANK);
            }
            row = rowNum;
            column = -1;
            width = 0;
            cells = new TreeMap<>();
        }

        @Override
        public void endRow(int rowNum) {
            rows.row(row + 1, new SparseCells(width, cells));
            nextRow = Math.max(nextRow, row + 1);
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            String text = formattedValue == null ? "" : formattedValue;
            if ("b".equals(type)) {
                text = "FALSE".equals(text) ? "false" : "true";
            } else if ("e".equals(type)) {
                text = "";
            }
            cells.put(column, text);
        }
    }

    /** A workbook row: the cells it defines, by column; width counts defined cells, empty ones included. */
    record SparseCells(int width, TreeMap<Integer, String> cells) implements Cells {

        static final SparseCells BLANK = new SparseCells(0, new TreeMap<>());

        @Override
        public String get(int column) {
            return cells.getOrDefault(column, "");
        }

        @Override
        public boolean blankFrom(int column) {
            return cells.tailMap(column).values().stream().allMatch(String::isBlank);
        }
    }

    private static @Nullable ImportRefused refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ImportRefused r) {
                return r;
            }
            if (t instanceof SAXException sax && sax.getException() instanceof ImportRefused r) {
                return r;
            }
        }
        return null;
    }

    private static boolean zipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("Zip bomb detected")) {
                return true;
            }
        }
        return false;
    }
}
