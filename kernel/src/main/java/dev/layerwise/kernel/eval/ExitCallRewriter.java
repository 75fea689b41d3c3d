package dev.layerwise.kernel.eval;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites a class so that its calls to {@code System.exit(int)}, {@code Runtime.exit(int)} and
 * {@code Runtime.halt(int)} — direct calls and method references such as {@code System::exit} —
 * go to {@link ExitGuard} instead, which throws {@link ExitRefusedError}.
 *
 * <p>Each call is replaced by a static call with the same operand stack effect (the
 * {@code Runtime} receiver becomes the first argument), so no frame or stack size changes. Calls
 * made through reflection, or from library jars (which are not rewritten), still exit.
 */
final class ExitCallRewriter {
    private static final String GUARD = Type.getInternalName(ExitGuard.class);
    private static final String SYSTEM = "java/lang/System";
    private static final String RUNTIME = "java/lang/Runtime";
    private static final String EXIT_DESC = "(I)V";
    private static final String RUNTIME_DESC = "(Ljava/lang/Runtime;I)V";

    private ExitCallRewriter() {}

    /**
     * @param classFile a class file
     * @return the rewritten class file, or the same array when it calls none of the exit methods
     */
    static byte[] rewrite(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                return new Redirect(super.visitMethod(access, name, desc, signature, exceptions), changed);
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : classFile;
    }

    /** @return the guard method standing in for {@code owner.name(desc)}, or null when it is not an exit call */
    private static String guardFor(String owner, String name, String desc) {
        if (!EXIT_DESC.equals(desc)) {
            return null;
        }
        if (SYSTEM.equals(owner) && "exit".equals(name)) {
            return "systemExit";
        }
        if (RUNTIME.equals(owner) && "exit".equals(name)) {
            return "runtimeExit";
        }
        if (RUNTIME.equals(owner) && "halt".equals(name)) {
            return "runtimeHalt";
        }
        return null;
    }

    private static final class Redirect extends MethodVisitor {
        private final boolean[] changed;

        Redirect(MethodVisitor next, boolean[] changed) {
            super(Opcodes.ASM9, next);
            this.changed = changed;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
            String guard = guardFor(owner, name, desc);
            if (guard == null) {
                super.visitMethodInsn(opcode, owner, name, desc, isInterface);
                return;
            }
            changed[0] = true;
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, guard, opcode == Opcodes.INVOKESTATIC ? EXIT_DESC : RUNTIME_DESC,
                    false);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... args) {
            Object[] mapped = args.clone();
            for (int i = 0; i < mapped.length; i++) {
                mapped[i] = handle(mapped[i]);
            }
            super.visitInvokeDynamicInsn(name, desc, bootstrap, mapped);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(handle(value));
        }

        /** A method handle to an exit method becomes a static handle to its guard (method references). */
        private Object handle(Object constant) {
            if (!(constant instanceof Handle)) {
                return constant;
            }
            Handle h = (Handle) constant;
            String guard = guardFor(h.getOwner(), h.getName(), h.getDesc());
            if (guard == null || (h.getTag() != Opcodes.H_INVOKESTATIC && h.getTag() != Opcodes.H_INVOKEVIRTUAL)) {
                return constant;
            }
            changed[0] = true;
            return new Handle(Opcodes.H_INVOKESTATIC, GUARD, guard,
                    h.getTag() == Opcodes.H_INVOKESTATIC ? EXIT_DESC : RUNTIME_DESC, false);
        }
    }
}
