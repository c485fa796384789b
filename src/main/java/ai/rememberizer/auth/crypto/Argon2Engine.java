package ai.rememberizer.auth.crypto;

import java.util.Arrays;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2 (RFC 9106) over one flat, reusable {@code long[]}: Argon2d, Argon2i and Argon2id,
 * versions 0x13 and 0x10, any m/t/p (lanes are filled one after another in the calling thread),
 * output of 4 bytes or more, optional secret and associated data.
 *
 * <p>H and H' are Bouncy Castle's Blake2b; the memory filling (compression G, indexing,
 * data-independent addressing) is here, on {@link #memory}, block {@code i} at
 * {@code [128 i, 128 i + 128)}. A hash allocates no block: the engine keeps its memory and grows
 * it when a larger m comes, so with one engine per hashing thread the 19 MiB per hash is
 * allocated once per thread, not once per hash. (Bouncy Castle allocates a {@code Block} object
 * per KiB per hash, about 20,000 for m = 19456, which young collections copy while live.)
 *
 * <p>Wiping: the blocks and the scratch buffers are zeroed after each hash, as the reference
 * implementation and Bouncy Castle do, so that a kept array holds no block derived from the
 * last password (with t = 1, B[0] is a cheap Blake2b of the password: it would let anyone who
 * reads the heap test guesses without paying for the memory). It costs one write pass over the
 * memory, a few percent of a hash.
 *
 * <p>Not thread-safe: one thread at a time per instance.
 */
public final class Argon2Engine {

    /** Argon2 type, with the number RFC 9106 gives it (the y of H0). */
    public enum Type {
        ARGON2D(0), ARGON2I(1), ARGON2ID(2);

        final int id;

        Type(int id) {
            this.id = id;
        }
    }

    public static final int VERSION_10 = 0x10;
    public static final int VERSION_13 = 0x13;

    private static final int QWORDS = 128; // 64-bit words in a 1 KiB block
    private static final int SYNC_POINTS = 4;
    private static final int BLOCK_BYTES = 1024;
    private static final long M32 = 0xFFFFFFFFL;
    /** Largest m (KiB) whose blocks fit one Java array. */
    public static final int MAX_MEMORY_KIB = (Integer.MAX_VALUE - 8) / QWORDS;

    private final int retainKib;
    private long[] memory = new long[0];
    // Scratch of the compression function, and of data-independent addressing.
    private final long[] r = new long[QWORDS];
    private final long[] t = new long[QWORDS];
    private final long[] input = new long[QWORDS];
    private final long[] address = new long[QWORDS];
    private final byte[] blockBytes = new byte[BLOCK_BYTES];
    private final byte[] h0 = new byte[72]; // H0 (64 bytes), then LE32(block index), LE32(lane)
    private final byte[] v = new byte[64];
    private final Blake2bDigest blake512 = new Blake2bDigest(512);

    // The current hash's geometry.
    private int lanes;
    private int segmentLength;
    private int laneLength;
    private int blocks;

    /** An engine that keeps whatever memory it grew to. */
    public Argon2Engine() {
        this(MAX_MEMORY_KIB);
    }

    /**
     * An engine that keeps its memory between hashes up to {@code retainKib}; a hash with a larger
     * m runs on memory allocated for it and dropped after it (a stray large m from a stored value
     * does not stay pinned to a thread).
     */
    public Argon2Engine(int retainKib) {
        this.retainKib = retainKib;
    }

    /** Whether the memory this engine keeps is all zero (tests: it is wiped after each hash). */
    boolean memoryIsZero() {
        for (long word : memory) {
            if (word != 0) {
                return false;
            }
        }
        return true;
    }

    /** The number of 64-bit words this engine holds now. */
    public int retainedWords() {
        return memory.length;
    }

    /** Argon2 of {@code password} into a new array of {@code outLen} bytes. */
    public byte[] hash(Type type, int version, int memoryKib, int iterations, int parallelism,
            byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int outLen) {
        byte[] out = new byte[outLen];
        hash(type, version, memoryKib, iterations, parallelism, password, salt, secret, associatedData, out, 0, outLen);
        return out;
    }

    /**
     * Argon2 of {@code password} into {@code out[outOff, outOff + outLen)}. {@code salt},
     * {@code secret} and {@code associatedData} may be null (empty). The salt's length is not
     * checked (RFC 9106 asks for 8 bytes or more; the caller's concern, as with Bouncy Castle).
     */
    public void hash(Type type, int version, int memoryKib, int iterations, int parallelism,
            byte[] password, byte[] salt, byte[] secret, byte[] associatedData, byte[] out, int outOff, int outLen) {
        if (type == null) {
            throw new IllegalArgumentException("type is null");
        }
        if (version != VERSION_10 && version != VERSION_13) {
            throw new IllegalArgumentException("version must be 0x10 or 0x13: " + version);
        }
        if (parallelism < 1 || parallelism > 0xFFFFFF) {
            throw new IllegalArgumentException("parallelism must be in [1, 2^24 - 1]: " + parallelism);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be 1 or more: " + iterations);
        }
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("memory must be in [8 p, " + MAX_MEMORY_KIB + "] KiB: " + memoryKib);
        }
        if (outLen < 4) {
            throw new IllegalArgumentException("output length must be 4 or more: " + outLen);
        }
        if (outOff < 0 || outOff > out.length - outLen) {
            throw new IndexOutOfBoundsException("output range outside the array");
        }

        lanes = parallelism;
        segmentLength = memoryKib / (parallelism * SYNC_POINTS);
        laneLength = segmentLength * SYNC_POINTS;
        blocks = laneLength * parallelism; // m' = 4 p floor(m / 4p)
        int words = blocks * QWORDS;
        long[] kept = memory;
        long[] mem = kept.length >= words ? kept : new long[words];
        if (mem != kept && memoryKib <= retainKib) {
            memory = mem;
        }
        try {
            initialHash(type, version, memoryKib, iterations, parallelism, password, salt, secret, associatedData, outLen);
            firstBlocks(mem);
            for (int pass = 0; pass < iterations; pass++) {
                for (int slice = 0; slice < SYNC_POINTS; slice++) {
                    for (int lane = 0; lane < parallelism; lane++) {
                        fillSegment(mem, type, version, iterations, pass, lane, slice);
                    }
                }
            }
            finalHash(mem, out, outOff, outLen);
        } finally {
            Arrays.fill(mem, 0, words, 0L);
            Arrays.fill(r, 0L);
            Arrays.fill(t, 0L);
            Arrays.fill(address, 0L);
            Arrays.fill(blockBytes, (byte) 0);
            Arrays.fill(h0, (byte) 0);
            Arrays.fill(v, (byte) 0);
        }
    }

    /** H0 = H^64(LE32(p) || LE32(T) || LE32(m) || LE32(t) || LE32(v) || LE32(y) || length-prefixed P, S, K, X). */
    private void initialHash(Type type, int version, int memoryKib, int iterations, int parallelism,
            byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int outLen) {
        Blake2bDigest h = blake512;
        h.reset();
        updateLe32(h, parallelism);
        updateLe32(h, outLen);
        updateLe32(h, memoryKib);
        updateLe32(h, iterations);
        updateLe32(h, version);
        updateLe32(h, type.id);
        updateWithLength(h, password);
        updateWithLength(h, salt);
        updateWithLength(h, secret);
        updateWithLength(h, associatedData);
        h.doFinal(h0, 0);
    }

    /** B[i][0] = H'^1024(H0 || LE32(0) || LE32(i)), B[i][1] = H'^1024(H0 || LE32(1) || LE32(i)). */
    private void firstBlocks(long[] mem) {
        for (int lane = 0; lane < lanes; lane++) {
            putLe32(h0, 68, lane);
            for (int column = 0; column < 2; column++) {
                putLe32(h0, 64, column);
                hashPrime(h0, 0, h0.length, blockBytes, 0, BLOCK_BYTES);
                int base = (lane * laneLength + column) * QWORDS;
                for (int i = 0; i < QWORDS; i++) {
                    mem[base + i] = getLe64(blockBytes, 8 * i);
                }
            }
        }
    }

    /** C = B[0][q-1] XOR ... XOR B[p-1][q-1]; tag = H'^T(C). */
    private void finalHash(long[] mem, byte[] out, int outOff, int outLen) {
        int last = (laneLength - 1) * QWORDS;
        for (int i = 0; i < QWORDS; i++) {
            long c = mem[last + i];
            for (int lane = 1; lane < lanes; lane++) {
                c ^= mem[(lane * laneLength) * QWORDS + last + i];
            }
            putLe64(blockBytes, 8 * i, c);
        }
        hashPrime(blockBytes, 0, BLOCK_BYTES, out, outOff, outLen);
    }

    /** H' (RFC 9106, 3.3), the variable-length hash, of {@code in[inOff, inOff + inLen)}. */
    private void hashPrime(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
        if (outLen <= 64) {
            Blake2bDigest h = outLen == 64 ? blake512 : new Blake2bDigest(outLen * 8);
            h.reset();
            updateLe32(h, outLen);
            h.update(in, inOff, inLen);
            h.doFinal(out, outOff);
            return;
        }
        Blake2bDigest h = blake512;
        h.reset();
        updateLe32(h, outLen);
        h.update(in, inOff, inLen);
        h.doFinal(v, 0); // V1
        int r = (outLen + 31) / 32 - 2;
        int pos = outOff;
        System.arraycopy(v, 0, out, pos, 32);
        pos += 32;
        for (int i = 2; i <= r; i++) { // V2 .. Vr
            h.update(v, 0, 64);
            h.doFinal(v, 0);
            System.arraycopy(v, 0, out, pos, 32);
            pos += 32;
        }
        int lastLength = outLen - 32 * r; // V(r+1), 33 to 64 bytes
        Blake2bDigest tail = lastLength == 64 ? blake512 : new Blake2bDigest(lastLength * 8);
        tail.update(v, 0, 64);
        tail.doFinal(out, pos);
    }

    private void fillSegment(long[] mem, Type type, int version, int iterations, int pass, int lane, int slice) {
        boolean independent = type == Type.ARGON2I || (type == Type.ARGON2ID && pass == 0 && slice < SYNC_POINTS / 2);
        boolean withXor = pass != 0 && version == VERSION_13;
        int segmentLength = this.segmentLength;
        int laneLength = this.laneLength;
        int laneStart = lane * laneLength;
        int startIndex = pass == 0 && slice == 0 ? 2 : 0; // B[i][0] and B[i][1] come from H'
        long[] address = this.address;

        if (independent) {
            long[] in = input;
            Arrays.fill(in, 0L);
            in[0] = pass;
            in[1] = lane;
            in[2] = slice;
            in[3] = blocks;
            in[4] = iterations;
            in[5] = type.id;
            if (startIndex != 0) {
                nextAddresses();
            }
        }

        // Reference area (RFC 9106, 3.4.1.2): which columns of the reference lane are allowed.
        int startPosition = pass == 0 ? 0 : (slice == SYNC_POINTS - 1 ? 0 : (slice + 1) * segmentLength);
        int column = slice * segmentLength + startIndex;
        for (int index = startIndex; index < segmentLength; index++, column++) {
            int current = laneStart + column;
            int previous = column == 0 ? laneStart + laneLength - 1 : current - 1;

            long pseudoRandom;
            if (independent) {
                if ((index & (QWORDS - 1)) == 0) {
                    nextAddresses();
                }
                pseudoRandom = address[index & (QWORDS - 1)];
            } else {
                pseudoRandom = mem[previous * QWORDS];
            }

            int refLane = pass == 0 && slice == 0 ? lane : (int) ((pseudoRandom >>> 32) % lanes);
            boolean sameLane = refLane == lane;
            int areaSize;
            if (pass == 0) {
                areaSize = sameLane ? slice * segmentLength + index - 1
                        : slice * segmentLength + (index == 0 ? -1 : 0);
            } else {
                areaSize = sameLane ? laneLength - segmentLength + index - 1
                        : laneLength - segmentLength + (index == 0 ? -1 : 0);
            }
            long x = pseudoRandom & M32;
            x = (x * x) >>> 32;
            long relative = areaSize - 1 - ((areaSize * x) >>> 32);
            int refColumn = (int) ((startPosition + relative) % laneLength);
            int reference = refLane * laneLength + refColumn;

            fillBlock(mem, previous * QWORDS, reference * QWORDS, current * QWORDS, withXor);
        }
    }

    /** The next 128 addresses: address = G(0, G(0, input)) after incrementing the counter input[6]. */
    private void nextAddresses() {
        input[6]++;
        compressWithZero(input, address);
        compressWithZero(address, address);
    }

    /** dst = G(0, src) = P(src) XOR src. */
    private void compressWithZero(long[] src, long[] dst) {
        long[] r = this.r, t = this.t;
        System.arraycopy(src, 0, r, 0, QWORDS);
        System.arraycopy(src, 0, t, 0, QWORDS);
        permute(r);
        for (int i = 0; i < QWORDS; i++) {
            dst[i] = t[i] ^ r[i];
        }
    }

    /**
     * The compression function G on blocks of {@code mem}: R = prev XOR ref; current = P(R) XOR R,
     * or, when {@code withXor} (passes after the first, version 0x13), current ^= P(R) XOR R.
     */
    private void fillBlock(long[] mem, int prev, int ref, int current, boolean withXor) {
        long[] r = this.r, t = this.t;
        if (withXor) {
            for (int i = 0; i < QWORDS; i++) {
                long x = mem[prev + i] ^ mem[ref + i];
                r[i] = x;
                t[i] = x ^ mem[current + i];
            }
        } else {
            for (int i = 0; i < QWORDS; i++) {
                long x = mem[prev + i] ^ mem[ref + i];
                r[i] = x;
                t[i] = x;
            }
        }
        permute(r);
        for (int i = 0; i < QWORDS; i++) {
            mem[current + i] = t[i] ^ r[i];
        }
    }

    /** P on the 8 rows of 16 words, then on the 8 columns of 16 words (pairs 2i, 2i+1 of each row). */
    private static void permute(long[] v) {
        for (int b = 0; b < QWORDS; b += 16) {
            rowRound(v, b);
        }
        for (int b = 0; b < 16; b += 2) {
            columnRound(v, b);
        }
    }

    /*
     * One Blake2b round without message (RFC 9106, 3.6), with the multiplying GB, on 16 words held in
     * locals. Two copies with constant offsets (a row: v[b .. b+15]; a column: v[b], v[b+1], v[b+16],
     * v[b+17], ..., v[b+112], v[b+113]) run ~20 % faster than one with a variable stride. Each is one
     * method with no call but Long.rotateRight (an intrinsic), so the JIT's code for it does not depend
     * on inlining decisions made from run-time profiles.
     */

    private static void rowRound(long[] v, int b) {
        long v0 = v[b];
        long v1 = v[b + 1];
        long v2 = v[b + 2];
        long v3 = v[b + 3];
        long v4 = v[b + 4];
        long v5 = v[b + 5];
        long v6 = v[b + 6];
        long v7 = v[b + 7];
        long v8 = v[b + 8];
        long v9 = v[b + 9];
        long v10 = v[b + 10];
        long v11 = v[b + 11];
        long v12 = v[b + 12];
        long v13 = v[b + 13];
        long v14 = v[b + 14];
        long v15 = v[b + 15];
        // GB(v0, v4, v8, v12)
        v0 += v4 + 2 * (v0 & M32) * (v4 & M32);
        v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12 + 2 * (v8 & M32) * (v12 & M32);
        v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + 2 * (v0 & M32) * (v4 & M32);
        v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12 + 2 * (v8 & M32) * (v12 & M32);
        v4 = Long.rotateRight(v4 ^ v8, 63);
        // GB(v1, v5, v9, v13)
        v1 += v5 + 2 * (v1 & M32) * (v5 & M32);
        v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13 + 2 * (v9 & M32) * (v13 & M32);
        v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + 2 * (v1 & M32) * (v5 & M32);
        v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13 + 2 * (v9 & M32) * (v13 & M32);
        v5 = Long.rotateRight(v5 ^ v9, 63);
        // GB(v2, v6, v10, v14)
        v2 += v6 + 2 * (v2 & M32) * (v6 & M32);
        v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14 + 2 * (v10 & M32) * (v14 & M32);
        v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + 2 * (v2 & M32) * (v6 & M32);
        v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14 + 2 * (v10 & M32) * (v14 & M32);
        v6 = Long.rotateRight(v6 ^ v10, 63);
        // GB(v3, v7, v11, v15)
        v3 += v7 + 2 * (v3 & M32) * (v7 & M32);
        v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15 + 2 * (v11 & M32) * (v15 & M32);
        v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + 2 * (v3 & M32) * (v7 & M32);
        v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15 + 2 * (v11 & M32) * (v15 & M32);
        v7 = Long.rotateRight(v7 ^ v11, 63);
        // GB(v0, v5, v10, v15)
        v0 += v5 + 2 * (v0 & M32) * (v5 & M32);
        v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15 + 2 * (v10 & M32) * (v15 & M32);
        v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + 2 * (v0 & M32) * (v5 & M32);
        v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15 + 2 * (v10 & M32) * (v15 & M32);
        v5 = Long.rotateRight(v5 ^ v10, 63);
        // GB(v1, v6, v11, v12)
        v1 += v6 + 2 * (v1 & M32) * (v6 & M32);
        v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12 + 2 * (v11 & M32) * (v12 & M32);
        v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + 2 * (v1 & M32) * (v6 & M32);
        v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12 + 2 * (v11 & M32) * (v12 & M32);
        v6 = Long.rotateRight(v6 ^ v11, 63);
        // GB(v2, v7, v8, v13)
        v2 += v7 + 2 * (v2 & M32) * (v7 & M32);
        v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13 + 2 * (v8 & M32) * (v13 & M32);
        v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + 2 * (v2 & M32) * (v7 & M32);
        v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13 + 2 * (v8 & M32) * (v13 & M32);
        v7 = Long.rotateRight(v7 ^ v8, 63);
        // GB(v3, v4, v9, v14)
        v3 += v4 + 2 * (v3 & M32) * (v4 & M32);
        v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14 + 2 * (v9 & M32) * (v14 & M32);
        v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + 2 * (v3 & M32) * (v4 & M32);
        v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14 + 2 * (v9 & M32) * (v14 & M32);
        v4 = Long.rotateRight(v4 ^ v9, 63);
        v[b] = v0;
        v[b + 1] = v1;
        v[b + 2] = v2;
        v[b + 3] = v3;
        v[b + 4] = v4;
        v[b + 5] = v5;
        v[b + 6] = v6;
        v[b + 7] = v7;
        v[b + 8] = v8;
        v[b + 9] = v9;
        v[b + 10] = v10;
        v[b + 11] = v11;
        v[b + 12] = v12;
        v[b + 13] = v13;
        v[b + 14] = v14;
        v[b + 15] = v15;
    }

    private static void columnRound(long[] v, int b) {
        long v0 = v[b];
        long v1 = v[b + 1];
        long v2 = v[b + 16];
        long v3 = v[b + 17];
        long v4 = v[b + 32];
        long v5 = v[b + 33];
        long v6 = v[b + 48];
        long v7 = v[b + 49];
        long v8 = v[b + 64];
        long v9 = v[b + 65];
        long v10 = v[b + 80];
        long v11 = v[b + 81];
        long v12 = v[b + 96];
        long v13 = v[b + 97];
        long v14 = v[b + 112];
        long v15 = v[b + 113];
        // GB(v0, v4, v8, v12)
        v0 += v4 + 2 * (v0 & M32) * (v4 & M32);
        v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 += v12 + 2 * (v8 & M32) * (v12 & M32);
        v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 += v4 + 2 * (v0 & M32) * (v4 & M32);
        v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 += v12 + 2 * (v8 & M32) * (v12 & M32);
        v4 = Long.rotateRight(v4 ^ v8, 63);
        // GB(v1, v5, v9, v13)
        v1 += v5 + 2 * (v1 & M32) * (v5 & M32);
        v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 += v13 + 2 * (v9 & M32) * (v13 & M32);
        v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 += v5 + 2 * (v1 & M32) * (v5 & M32);
        v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 += v13 + 2 * (v9 & M32) * (v13 & M32);
        v5 = Long.rotateRight(v5 ^ v9, 63);
        // GB(v2, v6, v10, v14)
        v2 += v6 + 2 * (v2 & M32) * (v6 & M32);
        v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 += v14 + 2 * (v10 & M32) * (v14 & M32);
        v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 += v6 + 2 * (v2 & M32) * (v6 & M32);
        v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 += v14 + 2 * (v10 & M32) * (v14 & M32);
        v6 = Long.rotateRight(v6 ^ v10, 63);
        // GB(v3, v7, v11, v15)
        v3 += v7 + 2 * (v3 & M32) * (v7 & M32);
        v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 += v15 + 2 * (v11 & M32) * (v15 & M32);
        v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 += v7 + 2 * (v3 & M32) * (v7 & M32);
        v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 += v15 + 2 * (v11 & M32) * (v15 & M32);
        v7 = Long.rotateRight(v7 ^ v11, 63);
        // GB(v0, v5, v10, v15)
        v0 += v5 + 2 * (v0 & M32) * (v5 & M32);
        v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 += v15 + 2 * (v10 & M32) * (v15 & M32);
        v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 += v5 + 2 * (v0 & M32) * (v5 & M32);
        v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 += v15 + 2 * (v10 & M32) * (v15 & M32);
        v5 = Long.rotateRight(v5 ^ v10, 63);
        // GB(v1, v6, v11, v12)
        v1 += v6 + 2 * (v1 & M32) * (v6 & M32);
        v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 += v12 + 2 * (v11 & M32) * (v12 & M32);
        v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 += v6 + 2 * (v1 & M32) * (v6 & M32);
        v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 += v12 + 2 * (v11 & M32) * (v12 & M32);
        v6 = Long.rotateRight(v6 ^ v11, 63);
        // GB(v2, v7, v8, v13)
        v2 += v7 + 2 * (v2 & M32) * (v7 & M32);
        v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 += v13 + 2 * (v8 & M32) * (v13 & M32);
        v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 += v7 + 2 * (v2 & M32) * (v7 & M32);
        v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 += v13 + 2 * (v8 & M32) * (v13 & M32);
        v7 = Long.rotateRight(v7 ^ v8, 63);
        // GB(v3, v4, v9, v14)
        v3 += v4 + 2 * (v3 & M32) * (v4 & M32);
        v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 += v14 + 2 * (v9 & M32) * (v14 & M32);
        v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 += v4 + 2 * (v3 & M32) * (v4 & M32);
        v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 += v14 + 2 * (v9 & M32) * (v14 & M32);
        v4 = Long.rotateRight(v4 ^ v9, 63);
        v[b] = v0;
        v[b + 1] = v1;
        v[b + 16] = v2;
        v[b + 17] = v3;
        v[b + 32] = v4;
        v[b + 33] = v5;
        v[b + 48] = v6;
        v[b + 49] = v7;
        v[b + 64] = v8;
        v[b + 65] = v9;
        v[b + 80] = v10;
        v[b + 81] = v11;
        v[b + 96] = v12;
        v[b + 97] = v13;
        v[b + 112] = v14;
        v[b + 113] = v15;
    }

    private static void updateLe32(Blake2bDigest h, int value) {
        h.update((byte) value);
        h.update((byte) (value >>> 8));
        h.update((byte) (value >>> 16));
        h.update((byte) (value >>> 24));
    }

    private static void updateWithLength(Blake2bDigest h, byte[] data) {
        if (data == null) {
            updateLe32(h, 0);
            return;
        }
        updateLe32(h, data.length);
        h.update(data, 0, data.length);
    }

    private static void putLe32(byte[] b, int off, int value) {
        b[off] = (byte) value;
        b[off + 1] = (byte) (value >>> 8);
        b[off + 2] = (byte) (value >>> 16);
        b[off + 3] = (byte) (value >>> 24);
    }

    private static void putLe64(byte[] b, int off, long value) {
        putLe32(b, off, (int) value);
        putLe32(b, off + 4, (int) (value >>> 32));
    }

    private static long getLe64(byte[] b, int off) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (b[off + i] & 0xFF);
        }
        return value;
    }
}
