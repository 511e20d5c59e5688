package io.pbxhub.esl.protocol;

/**
 * When the bytes being decoded on this thread were read off the socket. The decoder sets it around each chunk it is
 * fed and everything downstream (normalizing, publishing) runs synchronously inside that call, so a publisher can
 * measure socket-to-ack latency without the time being threaded through every signature.
 */
public final class SocketReadClock {

    private static final ThreadLocal<long[]> READ_AT = ThreadLocal.withInitial(() -> new long[1]);

    private SocketReadClock() {
    }

    /** {@link System#nanoTime()} when the chunk being decoded on this thread was read, or 0 outside a decode. */
    public static long readAtNanos() {
        return READ_AT.get()[0];
    }

    /** The holder for this thread; the decoder saves and restores its value around a chunk. */
    static long[] slot() {
        return READ_AT.get();
    }
}
