package org.tuopin.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Signed checkpoints of the audit chain's head, kept outside the database (docs/design-decisions/DD025): at start
 * and every {@code tuopin.audit.checkpoint-interval} the head's sequence number and hash are signed with an Ed25519
 * key that the database never sees, written to the log and appended to {@code checkpoints.txt} in
 * {@code tuopin.audit.checkpoint-dir}. Someone who rewrites entries with the owner's rights can make the chain
 * consistent again, but not the checkpoints that auditors and the log already hold.
 */
@Service
public class AuditCheckpoints {

    /** The head at a moment, and the signature over {@link #signedText()}. */
    public record Checkpoint(long seq, String hash, Instant at, String signature) {

        /** What is signed: one line that names its format, so that it cannot be mistaken for other signed text. */
        public String signedText() {
            return "tuopin-audit-checkpoint/1 seq=" + seq + " hash=" + hash + " at=" + at;
        }

        /** How a checkpoint is stored, logged and downloaded: four fields separated by spaces. */
        public String line() {
            return seq + " " + hash + " " + at + " " + signature;
        }

        public static Checkpoint parse(String line) {
            String[] f = line.strip().split(" ");
            if (f.length != 4) {
                throw new IllegalArgumentException("A checkpoint line has four fields: seq hash time signature");
            }
            return new Checkpoint(Long.parseLong(f[0]), f[1], Instant.parse(f[2]), f[3]);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpoints.class);
    static final String FILE = "checkpoints.txt";
    static final String PUBLIC_KEY_FILE = "checkpoint-public-key.pem";

    private final JdbcClient jdbc;
    private final KeyPair keys;
    private final Path dir;
    private final Duration interval;
    private @Nullable ScheduledExecutorService timer;

    AuditCheckpoints(JdbcClient jdbc,
                     @Value("${tuopin.audit.checkpoint-key:}") String configuredKey,
                     @Value("${tuopin.audit.checkpoint-key-file:}") String keyFile,
                     @Value("${tuopin.audit.checkpoint-dir:}") String checkpointDir,
                     @Value("${tuopin.audit.checkpoint-interval:15m}") Duration interval,
                     @Value("${spring.datasource.url:}") String externalDatabase,
                     @Value("${tuopin.embedded-db.ephemeral:false}") boolean ephemeral,
                     @Value("${tuopin.embedded-db.dir:data/pg}") String embeddedDir) throws IOException {
        this.jdbc = jdbc;
        this.interval = interval;
        // beside the data: the embedded database's parent directory, or ./data; a throw-away database, a temporary one
        Path base = !externalDatabase.isBlank() ? Path.of("data")
                : ephemeral ? Files.createTempDirectory("tuopin-audit")
                : Path.of(embeddedDir).toAbsolutePath().getParent();
        this.dir = checkpointDir.isBlank() ? base.resolve("audit-checkpoints") : Path.of(checkpointDir);
        this.keys = configuredKey.isBlank()
                ? keysFromFile(keyFile.isBlank() ? base.resolve("audit-checkpoint.key") : Path.of(keyFile))
                : parseKeys(configuredKey);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(PUBLIC_KEY_FILE), publicKeyPem());
    }

    /** The first checkpoint as soon as the application is up, then one per interval while the head moves. */
    @EventListener(ApplicationReadyEvent.class)
    void startCheckpoints() {
        LOG.info("Audit checkpoints are signed with the Ed25519 key {} and kept in {}", fingerprint(), dir.toAbsolutePath());
        write();
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        t.scheduleWithFixedDelay(this::writeIfMoved, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        timer = t;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void writeIfMoved() {
        try {
            Optional<Checkpoint> last = latest();
            long seq = jdbc.sql("select seq from audit_head where id = 1").query(Long.class).single();
            if (last.isEmpty() || last.get().seq() != seq) {
                write();
            }
        } catch (RuntimeException e) {
            // a database that is down now and then must not stop the checkpoints for good
            LOG.warn("Could not write an audit checkpoint: {}", e.getMessage());
        }
    }

    /** Signs the head as it is committed now, logs the checkpoint and appends it to the file. */
    public synchronized Checkpoint write() {
        var head = jdbc.sql("select seq, hash from audit_head where id = 1")
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)}).single();
        Checkpoint unsigned = new Checkpoint((long) head[0], (String) head[1], Instant.now().truncatedTo(ChronoUnit.SECONDS), "");
        Checkpoint signed = new Checkpoint(unsigned.seq(), unsigned.hash(), unsigned.at(), sign(unsigned.signedText()));
        try {
            Files.writeString(dir.resolve(FILE), signed.line() + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the audit checkpoint in " + dir, e);
        }
        LOG.info("Audit checkpoint: {}", signed.line());
        return signed;
    }

    /** The newest stored checkpoint, if any. */
    public Optional<Checkpoint> latest() {
        List<String> lines = lines();
        return lines.isEmpty() ? Optional.empty() : Optional.of(Checkpoint.parse(lines.getLast()));
    }

    /** Whether the checkpoint's signature is this installation's key's. */
    public boolean signatureVerifies(Checkpoint checkpoint) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(keys.getPublic());
            verifier.update(checkpoint.signedText().getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** The public key (X.509, PEM), which auditors keep to check checkpoints on their own. */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The first 16 hex digits of SHA-256 over the public key: short enough to compare by eye. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()),
                    0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What an auditor downloads: how to read it, the public key and every checkpoint, oldest first. Whoever keeps
     * a copy can later show that the trail of that day was different, whatever happened to the server since.
     */
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN', 'SUPERVISOR')")
    public String download() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Tuopin audit checkpoints. Each line: seq hash time signature.\n")
                .append("# The signature is Ed25519 (Base64) over the ASCII text\n")
                .append("#   tuopin-audit-checkpoint/1 seq=<seq> hash=<hash> at=<time>\n")
                .append("# with the public key below (fingerprint ").append(fingerprint()).append(").\n");
        publicKeyPem().lines().forEach(l -> sb.append("# ").append(l).append('\n'));
        lines().forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    private List<String> lines() {
        Path file = dir.resolve(FILE);
        try {
            return Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.US_ASCII).stream().filter(l -> !l.isBlank()).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String sign(String text) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(text.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    /** The key as configured or stored: the private key (PKCS#8) and the public key (X.509), Base64, a space apart. */
    static KeyPair parseKeys(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalStateException("tuopin.audit.checkpoint-key must be two Base64 values (private key "
                    + "PKCS#8, public key X.509) separated by a space, as in the key file the application creates");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            var privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0])));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1])));
            KeyPair pair = new KeyPair(publicKey, privateKey);
            // a public key that does not belong to the private one would make every checkpoint look forged
            Signature probe = Signature.getInstance("Ed25519");
            probe.initSign(privateKey);
            probe.update(new byte[]{1});
            byte[] signature = probe.sign();
            probe.initVerify(publicKey);
            probe.update(new byte[]{1});
            if (!probe.verify(signature)) {
                throw new IllegalStateException("The audit checkpoint key's two halves do not belong together");
            }
            return pair;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The audit checkpoint key cannot be read: " + e.getMessage(), e);
        }
    }

    static String formatKeys(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + " "
                + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    private static KeyPair keysFromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return parseKeys(Files.readString(file));
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, formatKeys(pair) + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's protection has to do
            }
            LOG.info("Created a new key for signing audit checkpoints in {}", file.toAbsolutePath());
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }
}
