package io.bgplet.session.transport;

import io.bgplet.wire.CodecOptions;
import io.bgplet.wire.DecodeResult;
import io.bgplet.wire.Message;
import io.bgplet.wire.MessageCodec;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;

/** A scripted peer on a plain socket: writes exact bytes, reads whole messages. */
final class RawPeer implements AutoCloseable {
    final Socket socket;
    private final DataInputStream in;

    RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(15_000);
        this.in = new DataInputStream(socket.getInputStream());
    }

    void send(Message m) throws IOException {
        sendBytes(MessageCodec.encode(m, CodecOptions.MODERN));
    }

    void sendBytes(byte[] b) throws IOException {
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
    }

    /** The next whole message; throws on EOF or timeout. */
    Message read() throws IOException {
        byte[] header = new byte[19];
        in.readFully(header);
        int len = ((header[16] & 0xFF) << 8) | (header[17] & 0xFF);
        byte[] all = new byte[len];
        System.arraycopy(header, 0, all, 0, 19);
        in.readFully(all, 19, len - 19);
        return switch (MessageCodec.decode(all, CodecOptions.MODERN)) {
            case DecodeResult.Ok ok -> ok.message();
            case DecodeResult.Salvaged s -> s.update();
            case DecodeResult.Fatal f -> throw new IOException("peer sent garbage: " + f.problem());
        };
    }

    /** Reads until a message of the kind arrives. */
    <M extends Message> M readUntil(Class<M> kind) throws IOException {
        while (true) {
            Message m = read();
            if (kind.isInstance(m)) return kind.cast(m);
        }
    }

    /** True when the other side closed the connection (read returns EOF) within the timeout. */
    boolean closedByOther() {
        try {
            while (true) {
                if (in.read() < 0) return true;
            }
        } catch (IOException e) {
            return e instanceof java.net.SocketException;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
