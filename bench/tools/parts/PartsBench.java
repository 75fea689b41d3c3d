import ai.djl.ndarray.*;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.*;
import dev.layerwise.engine.Torch;
import java.nio.*;

/** Interleaved A/B of the pieces this branch changed, in one JVM, µs per call. */
public class PartsBench {
    public static void main(String[] a) {
        NDManager m = NDManager.newBaseManager();
        Torch.threads(1);
        NDArray w = m.randomNormal(new Shape(900));
        NDArray order = m.arange(0L, 60000L, 1L, DataType.INT64);
        NDArray[] params = new NDArray[8];
        long[][] shapes = {{30, 784}, {30}, {30, 30}, {30}, {30, 30}, {30}, {10, 30}, {10}};
        for (int i = 0; i < 8; i++) params[i] = m.randomNormal(new Shape(shapes[i]));
        FloatBuffer[] views = new FloatBuffer[8];
        for (int i = 0; i < 8; i++) views[i] = params[i].toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        float[] out = new float[25720];
        int N = 20000;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < N; i++) w.muli(1.0000001);
            long t1 = System.nanoTime();
            for (int i = 0; i < N; i++) Torch.muli(w, 1.0000001);
            long t2 = System.nanoTime();
            for (int i = 0; i < N; i++) try (NDArray s = order.get(new NDIndex().addSliceDim(1280, 1290))) { }
            long t3 = System.nanoTime();
            for (int i = 0; i < N; i++) try (NDArray s = Torch.slice(order, 1280, 1290)) { }
            long t4 = System.nanoTime();
            for (int i = 0; i < N / 10; i++) {
                int off = 0;
                for (NDArray p : params) { FloatBuffer b = p.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer(); int n = b.limit(); b.get(0, out, off, n); off += n; }
            }
            long t5 = System.nanoTime();
            for (int i = 0; i < N / 10; i++) {
                int off = 0;
                for (FloatBuffer b : views) { int n = b.limit(); b.get(0, out, off, n); off += n; }
            }
            long t6 = System.nanoTime();
            System.out.printf("muli(Number) %.2f vs Torch.muli %.2f | get(NDIndex) %.2f vs Torch.slice %.2f | 8 views made %.2f vs kept %.2f (us)%n",
                (t1 - t0) / 1e3 / N, (t2 - t1) / 1e3 / N, (t3 - t2) / 1e3 / N, (t4 - t3) / 1e3 / N, (t5 - t4) / 1e3 / (N / 10), (t6 - t5) / 1e3 / (N / 10));
        }
    }
}
