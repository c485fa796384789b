/*
 * Reads the C interface that the svm jar declares, for the parts of a GraalVM distribution
 * that Maven Central does not have (scripts/native/graalvm-home.sh runs it):
 *
 * 1. The C headers of SubstrateVM's own helper library (include/amd64cpufeatures.h,
 * include/svm_locale.h, ...).
 * The builder compiles a small C program against them to learn the layout of the structs and
 * the values of the constants that its Java code declares (@CStruct, @CField, @CConstant).
 *
 * The headers are generated from those declarations in the svm jar itself, read with the JDK's
 * class-file API: one struct per @CStruct with one field per @CField, one #define per
 * @CConstant. Field types follow the Java accessor's type; constant values are their index.
 * Our own C libraries (scripts/native/svm/) are compiled against the very same headers, so
 * the image and the C agree on every offset and value: none of these values has a meaning
 * outside the pair (the two locale results, the CPUFeatures fields).
 *
 * 2. The static libraries SubstrateVM requires (@CLibrary(requireStatic = true): libchelper,
 * jvm, ...), one name a line in static-libraries.txt, and every C function SubstrateVM
 * declares (@CFunction), one symbol a line in c-functions.txt: what scripts/native/svm/ must
 * define.
 *
 * Usage: java SvmCInterface.java <svm.jar> <clibraries dir (include/ goes under it)> <lists dir>
 * Prints the files it wrote. Fails (exit 2) on a declaration it does not understand.
 */

import java.io.IOException;
import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

public class SvmCInterface {

    static final String PROJECT = "com.oracle.svm.native.libchelper";
    static final String C = "Lorg/graalvm/nativeimage/c/";
    static final String CCONTEXT = C + "CContext;";
    static final String CSTRUCT = C + "struct/CStruct;";
    static final String CFIELD = C + "struct/CField;";
    static final String CCONSTANT = C + "constant/CConstant;";
    static final String CLIBRARY = C + "function/CLibrary;";
    static final String CFUNCTION = C + "function/CFunction;";
    static final List<String> UNSUPPORTED = List.of(C + "struct/CFieldAddress;", C + "struct/CFieldOffset;",
            C + "struct/CBitfield;", C + "constant/CEnum;", C + "struct/RawStructure;");

    record Field(String name, String type) {
    }

    static final class Struct {
        String name;
        boolean structKeyword;
        final Map<String, Field> fields = new LinkedHashMap<>();
    }

    static final class Header {
        final List<Struct> structs = new ArrayList<>();
        final List<String> constants = new ArrayList<>();
    }

    static RuntimeException fail(String message) {
        System.err.println("native-image: " + message);
        System.exit(2);
        return new IllegalStateException(message);
    }

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path outDir = Path.of(args[1]);
        Path listDir = Path.of(args[2]);
        Map<String, ClassModel> classes = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
                    ClassModel cm = ClassFile.of().parse(zip.getInputStream(e).readAllBytes());
                    classes.put(cm.thisClass().asInternalName(), cm);
                }
            }
        }

        // Directives classes that name headers of the missing project: "include/x.h" strings
        // next to the project's name in their constant pool.
        Map<String, String> headerOfDirectives = new TreeMap<>();
        for (ClassModel cm : classes.values()) {
            List<String> strings = new ArrayList<>();
            for (PoolEntry pe : cm.constantPool()) {
                if (pe instanceof StringEntry se) {
                    strings.add(se.stringValue());
                }
            }
            if (strings.contains(PROJECT)) {
                List<String> headers = strings.stream().filter(s -> s.startsWith("include/") && s.endsWith(".h")).toList();
                if (headers.size() != 1) {
                    throw fail(cm.thisClass().asInternalName() + " names " + headers + ": expected one header");
                }
                headerOfDirectives.put(cm.thisClass().asInternalName(), headers.get(0));
            }
        }
        if (headerOfDirectives.isEmpty()) {
            throw fail("no directives of " + PROJECT + " found in " + jar);
        }

        Map<String, Header> headers = new TreeMap<>();
        headerOfDirectives.values().forEach(h -> headers.put(h, new Header()));
        for (ClassModel cm : classes.values()) {
            Optional<String> directives = contextOf(cm, classes);
            if (directives.isEmpty() || !headerOfDirectives.containsKey(directives.get())) {
                continue;
            }
            Header header = headers.get(headerOfDirectives.get(directives.get()));
            Optional<Annotation> struct = annotation(classAnnotations(cm), CSTRUCT);
            Struct s = null;
            if (struct.isPresent()) {
                s = new Struct();
                String simple = cm.thisClass().asInternalName();
                simple = simple.substring(Math.max(simple.lastIndexOf('/'), simple.lastIndexOf('$')) + 1);
                s.name = stringElement(struct.get(), "value").filter(v -> !v.isEmpty()).orElse(simple);
                s.structKeyword = booleanElement(struct.get(), "addStructKeyword");
                header.structs.add(s);
            }
            for (MethodModel m : cm.methods()) {
                List<Annotation> as = methodAnnotations(m);
                for (String unsupported : UNSUPPORTED) {
                    if (annotation(as, unsupported).isPresent()) {
                        throw fail(cm.thisClass().asInternalName() + "." + m.methodName() + " uses " + unsupported
                                + ": teach scripts/native/SvmCInterface.java");
                    }
                }
                Optional<Annotation> field = annotation(as, CFIELD);
                if (field.isPresent()) {
                    if (s == null) {
                        throw fail("@CField outside a @CStruct: " + cm.thisClass().asInternalName());
                    }
                    String name = stringElement(field.get(), "value").filter(v -> !v.isEmpty()).orElse(m.methodName().stringValue());
                    MethodTypeDesc t = m.methodTypeSymbol();
                    ClassDesc javaType = t.parameterCount() == 0 ? t.returnType() : t.parameterType(t.parameterCount() - 1);
                    s.fields.putIfAbsent(name, new Field(name, cType(javaType)));
                }
                Optional<Annotation> constant = annotation(as, CCONSTANT);
                if (constant.isPresent()) {
                    header.constants.add(stringElement(constant.get(), "value").filter(v -> !v.isEmpty())
                            .orElse(m.methodName().stringValue()));
                }
            }
        }

        // The static libraries (a @CLibrary applies to the class that carries it and to the
        // classes nested in it) and all declared C functions.
        java.util.TreeSet<String> staticLibraries = new java.util.TreeSet<>();
        java.util.TreeSet<String> functions = new java.util.TreeSet<>();
        for (ClassModel cm : classes.values()) {
            Optional<Annotation> lib = Optional.empty();
            for (ClassModel c = cm; c != null && lib.isEmpty(); ) {
                lib = annotation(classAnnotations(c), CLIBRARY);
                String name = c.thisClass().asInternalName();
                c = name.contains("$") ? classes.get(name.substring(0, name.lastIndexOf('$'))) : null;
            }
            if (lib.isPresent() && booleanElement(lib.get(), "requireStatic")) {
                staticLibraries.add(stringElement(lib.get(), "value").orElseThrow());
            }
            for (MethodModel m : cm.methods()) {
                annotation(methodAnnotations(m), CFUNCTION).ifPresent(f -> functions.add(
                        stringElement(f, "value").filter(v -> !v.isEmpty()).orElse(m.methodName().stringValue())));
            }
        }
        Files.createDirectories(listDir);
        Files.write(listDir.resolve("static-libraries.txt"), staticLibraries);
        Files.write(listDir.resolve("c-functions.txt"), functions);
        System.out.println(listDir.resolve("static-libraries.txt") + " (" + staticLibraries.size() + " libraries)");
        System.out.println(listDir.resolve("c-functions.txt") + " (" + functions.size() + " functions)");

        for (Map.Entry<String, Header> e : headers.entrySet()) {
            Path file = outDir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            StringBuilder sb = new StringBuilder();
            String guard = "SVM_CINTERFACE_" + file.getFileName().toString().replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
            sb.append("/* Generated by scripts/native/SvmCInterface.java from the svm jar's declarations:\n")
                    .append(" * the layouts and constants shared by the builder's queries and scripts/native/svm/. */\n")
                    .append("#ifndef ").append(guard).append("\n#define ").append(guard).append("\n\n");
            for (int i = 0; i < e.getValue().constants.size(); i++) {
                sb.append("#define ").append(e.getValue().constants.get(i)).append(' ').append(i).append('\n');
            }
            for (Struct s : e.getValue().structs) {
                sb.append("\n").append(s.structKeyword ? "struct " + s.name : "typedef struct " + s.name).append(" {\n");
                for (Field f : s.fields.values()) {
                    sb.append("    ").append(f.type()).append(' ').append(f.name()).append(";\n");
                }
                sb.append(s.structKeyword ? "};\n" : "} " + s.name + ";\n");
            }
            sb.append("\n#endif\n");
            Files.writeString(file, sb.toString());
            System.out.println(file);
        }
    }

    static String cType(ClassDesc d) {
        return switch (d.descriptorString()) {
            case "Z", "B" -> "char";
            case "S" -> "short";
            case "C" -> "unsigned short";
            case "I" -> "int";
            case "J" -> "long long";
            case "F" -> "float";
            case "D" -> "double";
            case "Lorg/graalvm/nativeimage/c/type/CCharPointer;" -> "char *";
            default -> {
                if (d.isClassOrInterface()) {
                    yield "void *"; // a pointer or a machine word
                }
                throw fail("no C type for " + d.descriptorString());
            }
        };
    }

    /** The @CContext of a class, or of the class it is nested in. */
    static Optional<String> contextOf(ClassModel cm, Map<String, ClassModel> classes) {
        for (ClassModel c = cm; c != null; ) {
            Optional<Annotation> ctx = annotation(classAnnotations(c), CCONTEXT);
            if (ctx.isPresent()) {
                return ctx.get().elements().stream().filter(el -> el.name().stringValue().equals("value"))
                        .map(AnnotationElement::value).filter(v -> v instanceof AnnotationValue.OfClass)
                        .map(v -> ((AnnotationValue.OfClass) v).classSymbol().descriptorString())
                        .map(s -> s.substring(1, s.length() - 1)).findFirst();
            }
            String name = c.thisClass().asInternalName();
            c = name.contains("$") ? classes.get(name.substring(0, name.lastIndexOf('$'))) : null;
        }
        return Optional.empty();
    }

    static List<Annotation> classAnnotations(ClassModel cm) {
        List<Annotation> all = new ArrayList<>();
        cm.findAttribute(Attributes.runtimeVisibleAnnotations()).ifPresent(a -> all.addAll(a.annotations()));
        cm.findAttribute(Attributes.runtimeInvisibleAnnotations()).ifPresent(a -> all.addAll(a.annotations()));
        return all;
    }

    static List<Annotation> methodAnnotations(MethodModel m) {
        List<Annotation> all = new ArrayList<>();
        m.findAttribute(Attributes.runtimeVisibleAnnotations()).ifPresent(a -> all.addAll(a.annotations()));
        m.findAttribute(Attributes.runtimeInvisibleAnnotations()).ifPresent(a -> all.addAll(a.annotations()));
        return all;
    }

    static Optional<Annotation> annotation(List<Annotation> as, String descriptor) {
        return as.stream().filter(a -> a.className().stringValue().equals(descriptor)).findFirst();
    }

    static Optional<String> stringElement(Annotation a, String name) {
        return a.elements().stream().filter(e -> e.name().stringValue().equals(name))
                .map(AnnotationElement::value).filter(v -> v instanceof AnnotationValue.OfString)
                .map(v -> ((AnnotationValue.OfString) v).stringValue()).findFirst();
    }

    static boolean booleanElement(Annotation a, String name) {
        return a.elements().stream().filter(e -> e.name().stringValue().equals(name))
                .map(AnnotationElement::value).filter(v -> v instanceof AnnotationValue.OfBoolean)
                .anyMatch(v -> ((AnnotationValue.OfBoolean) v).booleanValue());
    }
}
