package com.mangaassist.rag;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of precomputed vectors for a list of texts, valid only for exactly those texts: the
 * file carries a SHA-256 of them, so any catalog edit recomputes. Startup is CPU-bound on small
 * machines, and embedding the catalog is a few CPU-seconds of it.
 */
public final class EmbeddingSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingSnapshot.class);
    private static final int FORMAT = 1;

    private EmbeddingSnapshot() {
    }

    public static List<float[]> loadOrCompute(Path file, List<String> texts, Function<List<String>, List<float[]>> embed) {
        if (file == null) {
            return embed.apply(texts);
        }
        byte[] digest = digest(texts);
        List<float[]> cached = read(file, digest, texts.size());
        if (cached != null) {
            return cached;
        }
        List<float[]> vectors = embed.apply(texts);
        write(file, digest, vectors);
        return vectors;
    }

    private static List<float[]> read(Path file, byte[] digest, int count) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != FORMAT || !Arrays.equals(in.readNBytes(digest.length), digest) || in.readInt() != count) {
                return null;
            }
            int dims = in.readInt();
            List<float[]> vectors = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                float[] v = new float[dims];
                for (int d = 0; d < dims; d++) {
                    v[d] = in.readFloat();
                }
                vectors.add(v);
            }
            return vectors;
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable embedding snapshot {}: {}", file, e.toString());
            return null;
        }
    }

    private static void write(Path file, byte[] digest, List<float[]> vectors) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "embeddings", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(FORMAT);
                out.write(digest);
                out.writeInt(vectors.size());
                out.writeInt(vectors.isEmpty() ? 0 : vectors.get(0).length);
                for (float[] v : vectors) {
                    for (float f : v) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not write embedding snapshot {}: {}", file, e.toString());
        }
    }

    static byte[] digest(List<String> texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(EmbeddingService.MODEL_ID.getBytes(StandardCharsets.UTF_8));
            for (String text : texts) {
                sha.update(text.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
