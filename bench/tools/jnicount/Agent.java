package jnicount;

import org.objectweb.asm.*;
import java.lang.instrument.*;
import java.security.ProtectionDomain;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts every call site's call into DJL's PyTorchLibrary natives; prints the totals at exit. */
public final class Agent {
    static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    public static void hit(String name) {
        COUNTS.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    public static void premain(String args, Instrumentation inst) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            TreeMap<String, Long> sorted = new TreeMap<>();
            COUNTS.forEach((k, v) -> sorted.put(k, v.sum()));
            StringBuilder sb = new StringBuilder("JNICOUNT");
            sorted.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            System.err.println(sb);
        }));
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> c, ProtectionDomain pd, byte[] bytes) {
                if (name == null || !name.startsWith("ai/djl/pytorch/") || name.equals("ai/djl/pytorch/jni/PyTorchLibrary")) {
                    return null;
                }
                ClassReader r = new ClassReader(bytes);
                ClassWriter w = new ClassWriter(r, 0);
                boolean[] changed = {false};
                r.accept(new ClassVisitor(Opcodes.ASM9, w) {
                    @Override
                    public MethodVisitor visitMethod(int acc, String n, String d, String s, String[] e) {
                        return new MethodVisitor(Opcodes.ASM9, super.visitMethod(acc, n, d, s, e)) {
                            @Override
                            public void visitMethodInsn(int op, String owner, String mn, String md, boolean itf) {
                                if (owner.equals("ai/djl/pytorch/jni/PyTorchLibrary") && !mn.equals("<init>")) {
                                    super.visitLdcInsn(mn);
                                    super.visitMethodInsn(Opcodes.INVOKESTATIC, "jnicount/Agent", "hit", "(Ljava/lang/String;)V", false);
                                    changed[0] = true;
                                }
                                super.visitMethodInsn(op, owner, mn, md, itf);
                            }
                            @Override
                            public void visitMaxs(int stack, int locals) {
                                super.visitMaxs(stack + 1, locals);
                            }
                        };
                    }
                }, 0);
                return changed[0] ? w.toByteArray() : null;
            }
        });
    }
}
