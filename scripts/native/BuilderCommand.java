/*
 * Turns Quarkus's native-image.args (written by -Dquarkus.native.sources-only=true) into the
 * command line of the GraalVM builder's hosted entry point, the way the `native-image` driver
 * would: the driver itself is not published on Maven Central, the builder is.
 *
 * What the driver does and this program repeats:
 *  - driver options (--features=, --initialize-at-build-time=, --link-at-build-time, ...) become
 *    the builder's -H: options they stand for (the @APIOption declarations of the svm jar);
 *  - -J<opt> goes to the builder's JVM, -H:<opt> to the builder as it is;
 *  - -jar adds the jar and its manifest Class-Path to the image class path, and its Main-Class,
 *    Add-Opens and Add-Exports attributes become -H:Class, -H:AddOpens and -H:AddExports;
 *  - every class-path entry's META-INF/native-image/ is read: native-image.properties (Args,
 *    JavaArgs, ImageName) and the reflect/resource/jni/proxy/serialization/... config files,
 *    which become -H:<Kind>ConfigurationResources=..., minus those --exclude-config names;
 *  - the JVM options of the builder: JVMCI, access to the JDK's internal packages, memory,
 *    the system properties the builder expects.
 * Any option it does not know stops it (exit 2) rather than being dropped in silence.
 *
 * Usage (on the JDK that will run the builder):
 *   java BuilderCommand.java --sources DIR --home DIR --jars DIR --out DIR [--temp DIR]
 *        [--args FILE] --svm-version V --heap SIZE --jvm-args FILE --image-args FILE
 * --args names the driver's arguments, one a line (what the native-image launcher was
 * given); without it, DIR/native-image.args of a sources-only build is read. Relative paths
 * in the arguments are resolved against --sources.
 * writes FILE (an @argfile for java, ending in the builder's main module) and the builder's
 * arguments, NUL-separated, for --image-args-file=.
 */

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class BuilderCommand {

    /** The builder's modules that reach into the JDK's internals. */
    static final List<String> BUILDER_MODULES = List.of(
            "org.graalvm.nativeimage.builder", "org.graalvm.nativeimage.base",
            "org.graalvm.nativeimage.pointsto", "org.graalvm.nativeimage.objectfile",
            "org.graalvm.nativeimage.configure", "jdk.graal.compiler");

    /** Jars that replace or join the JDK's own Graal modules (--upgrade-module-path). */
    static final List<String> UPGRADE_JARS = List.of("compiler", "word", "collections", "nativeimage");

    /** META-INF/native-image/ config files and the builder option that takes each. */
    static final Map<String, String> CONFIG_FILES = Map.of(
            "reflect-config.json", "ReflectionConfigurationResources",
            "resource-config.json", "ResourceConfigurationResources",
            "jni-config.json", "JNIConfigurationResources",
            "proxy-config.json", "DynamicProxyConfigurationResources",
            "serialization-config.json", "SerializationConfigurationResources",
            "predefined-classes-config.json", "PredefinedClassesConfigurationResources",
            "reachability-metadata.json", "ReachabilityMetadataResources");

    record Exclude(Pattern jar, Pattern resource) {
    }

    final List<String> builderArgs = new ArrayList<>();
    final List<String> customJavaArgs = new ArrayList<>();
    final List<String> propertyJavaArgs = new ArrayList<>();
    final LinkedHashSet<Path> classpath = new LinkedHashSet<>();
    final List<Exclude> excludes = new ArrayList<>();
    final List<String> leftover = new ArrayList<>();
    String mainClass;

    static RuntimeException fail(String message) {
        System.err.println("native-image: " + message);
        System.exit(2);
        return new IllegalStateException(message);
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            opts.put(argv[i], argv[i + 1]);
        }
        for (String required : List.of("--sources", "--home", "--jars", "--out", "--svm-version", "--heap", "--jvm-args", "--image-args")) {
            if (!opts.containsKey(required)) {
                throw fail("missing " + required);
            }
        }
        Path sources = Path.of(opts.get("--sources")).toAbsolutePath().normalize();
        Path home = Path.of(opts.get("--home")).toAbsolutePath().normalize();
        Path jars = Path.of(opts.get("--jars")).toAbsolutePath().normalize();
        Path out = Path.of(opts.get("--out")).toAbsolutePath().normalize();
        String svmVersion = opts.get("--svm-version");

        BuilderCommand b = new BuilderCommand();
        // The driver's arguments: one a line from the launcher (--args), or Quarkus's
        // native-image.args of a sources-only build (split on white space, as Quarkus writes it).
        List<String> quarkusArgs = opts.containsKey("--args")
                ? Files.readAllLines(Path.of(opts.get("--args"))).stream().filter(l -> !l.isEmpty()).toList()
                : List.of(Files.readString(sources.resolve("native-image.args")).trim().split("\\s+"));
        // The driver reads the arguments first, then the class path's META-INF/native-image/
        // (so that --exclude-config, wherever it stands, applies to every entry).
        b.processArgs(quarkusArgs, null, sources);
        for (Path entry : b.classpath) {
            b.processMetaInf(entry);
        }
        if (b.mainClass == null) {
            throw fail("no main class (no -jar with a Main-Class in native-image.args)");
        }
        if (b.leftover.size() > 1) {
            throw fail("unrecognized arguments: " + b.leftover);
        }

        // -- the builder's own arguments, in the driver's order
        List<String> image = new ArrayList<>();
        image.add("-imagecp");
        image.add(b.classpath.stream().map(Path::toString).collect(Collectors.joining(":")));
        Path clib = home.resolve("lib/svm/clibraries");
        image.add("-H:CLibraryPath=" + Stream.of(clib.resolve("linux-amd64/glibc"), clib.resolve("linux-amd64"), clib)
                .map(Path::toString).collect(Collectors.joining(",")));
        image.add("-H:Path=" + out);
        // Keep the builder's temporary files (the object file it links) for the figures.
        if (opts.containsKey("--temp")) {
            image.add("-H:TempDirectory=" + Path.of(opts.get("--temp")).toAbsolutePath().normalize());
        }
        image.addAll(b.builderArgs);
        // Report only: the resources embedded in the image (embedded-resources.json, written
        // after analysis), so the check can see that the files the service reads are there.
        image.addAll(List.of("-H:+UnlockExperimentalVMOptions", "-H:+GenerateEmbeddedResourcesFile", "-H:-UnlockExperimentalVMOptions"));
        image.add("-H:Class=" + b.mainClass);
        if (!b.leftover.isEmpty()) {
            image.add("-H:Name=" + b.leftover.get(0));
        }
        // The driver derives the build id from its arguments: the same inputs give the same id.
        String buildId = UUID.nameUUIDFromBytes(String.join("\n", image).getBytes(StandardCharsets.UTF_8)).toString();
        image.add("-H:ImageBuildID=" + buildId);

        // -- the builder's JVM
        List<String> jvm = new ArrayList<>();
        jvm.add("-XX:+UnlockExperimentalVMOptions");
        jvm.add("-XX:+EnableJVMCI");
        jvm.add("-XX:-UseJVMCICompiler");
        jvm.add("-Xss10m");
        jvm.add("-Xmx" + opts.get("--heap"));
        jvm.add("-XX:GCTimeRatio=19");
        jvm.add("-XX:+ExitOnOutOfMemoryError");
        jvm.add("-Djava.awt.headless=true");
        jvm.add("-Dorg.graalvm.vendor=GraalVM Community");
        jvm.add("-Dorg.graalvm.vendorurl=https://www.graalvm.org/");
        // Quarkus reads this to learn the builder's version (GraalVM CE is what Maven Central has).
        jvm.add("-Dorg.graalvm.vendorversion=GraalVM CE " + svmVersion);
        jvm.add("-Dorg.graalvm.version=" + svmVersion);
        jvm.add("-Dcom.oracle.graalvm.isaot=true");
        jvm.add("-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader");
        jvm.add("-Dorg.graalvm.nativeimage.imagecode=buildtime");
        jvm.add("-Xshare:off");
        jvm.add("-Djdk.internal.lambda.disableEagerInitialization=true");
        jvm.add("-Djdk.internal.lambda.eagerlyInitialize=false");
        jvm.add("-Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false");
        jvm.add("-Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1");
        jvm.add("-Djava.lang.invoke.MethodHandle.PROFILE_GWT=false");
        jvm.addAll(b.propertyJavaArgs);
        jvm.addAll(b.customJavaArgs);
        jvm.add("--add-modules=ALL-DEFAULT");

        List<Path> allJars;
        try (Stream<Path> s = Files.list(jars)) {
            allJars = s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        List<Path> upgrade = new ArrayList<>();
        List<Path> modulePath = new ArrayList<>();
        for (Path jar : allJars) {
            String name = jar.getFileName().toString();
            String artifact = name.substring(0, name.length() - ("-" + svmVersion + ".jar").length());
            (UPGRADE_JARS.contains(artifact) ? upgrade : modulePath).add(jar);
        }
        if (upgrade.size() != UPGRADE_JARS.size()) {
            throw fail("builder jars missing in " + jars + ": need " + UPGRADE_JARS + " " + svmVersion);
        }
        Set<String> builderModuleNames = new TreeSet<>();
        for (ModuleReference ref : ModuleFinder.of(allJars.toArray(Path[]::new)).findAll()) {
            builderModuleNames.add(ref.descriptor().name());
        }
        jvm.addAll(jdkAccessFlags(upgrade, modulePath));
        jvm.add("--enable-native-access=" + String.join(",", builderModuleNames));
        jvm.add("--upgrade-module-path");
        jvm.add(upgrade.stream().map(Path::toString).collect(Collectors.joining(":")));
        jvm.add("--module-path");
        jvm.add(modulePath.stream().map(Path::toString).collect(Collectors.joining(":")));
        jvm.add("--module");
        jvm.add("org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner");

        Files.writeString(Path.of(opts.get("--jvm-args")),
                jvm.stream().map(BuilderCommand::quote).collect(Collectors.joining("\n", "", "\n")));
        Files.writeString(Path.of(opts.get("--image-args")), String.join("\0", image));
        Files.writeString(Path.of(opts.get("--image-args") + ".txt"), String.join("\n", image) + "\n");
    }

    /**
     * Export and open every package of the JDK's modules in the builder's boot layer to the
     * builder's modules (a module outside that layer would only earn a warning).
     */
    static List<String> jdkAccessFlags(List<Path> upgrade, List<Path> modulePath) {
        ModuleFinder system = ModuleFinder.ofSystem();
        Set<String> roots = new TreeSet<>();
        roots.add("org.graalvm.nativeimage.builder");
        // --add-modules=ALL-DEFAULT: system modules with an unqualified export, but incubators
        system.findAll().stream().map(ModuleReference::descriptor)
                .filter(d -> !d.name().startsWith("jdk.incubator.") && d.exports().stream().anyMatch(e -> !e.isQualified()))
                .forEach(d -> roots.add(d.name()));
        Configuration boot = Configuration.empty().resolveAndBind(
                ModuleFinder.compose(ModuleFinder.of(upgrade.toArray(Path[]::new)), system),
                ModuleFinder.of(modulePath.toArray(Path[]::new)), roots);
        Set<String> inLayer = boot.modules().stream().map(m -> m.name()).collect(Collectors.toSet());
        List<String> flags = new ArrayList<>();
        String targets = String.join(",", BUILDER_MODULES);
        system.findAll().stream()
                .map(ModuleReference::descriptor)
                .filter(d -> inLayer.contains(d.name()))
                .sorted(Comparator.comparing(ModuleDescriptor::name))
                .forEach(d -> new TreeSet<>(d.packages()).forEach(p -> {
                    flags.add("--add-exports=" + d.name() + "/" + p + "=" + targets);
                    flags.add("--add-opens=" + d.name() + "/" + p + "=" + targets);
                }));
        return flags;
    }

    static String quote(String arg) {
        if (arg.matches("[A-Za-z0-9_./:=+,@%-]+")) {
            return arg;
        }
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A -H: option with the origin the driver records (the file it came from). */
    static String hosted(String name, String origin, String value) {
        return "-H:" + name + (origin == null ? "" : "@" + origin) + "=" + value;
    }

    static String withOrigin(String hostedArg, String origin) {
        if (origin == null) {
            return hostedArg;
        }
        char first = hostedArg.charAt(3);
        if (first == '+' || first == '-') {
            return hostedArg + "@" + origin;
        }
        int eq = hostedArg.indexOf('=');
        if (eq < 0) {
            throw fail("malformed hosted option " + hostedArg + " from " + origin);
        }
        return hostedArg.substring(0, eq) + "@" + origin + hostedArg.substring(eq);
    }

    static String eachWithSuffix(String list, String suffix) {
        return Stream.of(list.split(",")).map(s -> s + suffix).collect(Collectors.joining(","));
    }

    /**
     * The driver options this project's build produces (Quarkus and its libraries'
     * native-image.properties), each as the @APIOption declaration of svm 25 lowers it.
     */
    void processArgs(List<String> args, String origin, Path baseDir) throws IOException {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.isEmpty()) {
                continue;
            }
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            switch (name) {
                case "--features" -> builderArgs.add(hosted("Features", origin, value));
                case "--initialize-at-build-time" ->
                    builderArgs.add(hosted("ClassInitialization", origin, eachWithSuffix(value == null ? "" : value, ":build_time")));
                case "--initialize-at-run-time" ->
                    builderArgs.add(hosted("ClassInitialization", origin, eachWithSuffix(value == null ? "" : value, ":run_time")));
                case "--link-at-build-time" -> builderArgs.add(hosted("LinkAtBuildTime", origin, value == null ? "" : value));
                case "--enable-url-protocols" -> builderArgs.add(hosted("EnableURLProtocols", origin, value));
                case "--enable-http" -> builderArgs.add(hosted("EnableURLProtocols", origin, "http"));
                case "--enable-https" -> builderArgs.add(hosted("EnableURLProtocols", origin, "https"));
                case "--enable-monitoring" -> builderArgs.add(hosted("EnableMonitoringFeatures", origin, value == null ? "<deprecated-default>" : value));
                case "--enable-all-security-services" -> builderArgs.add(withOrigin("-H:+EnableAllSecurityServices", origin));
                case "--no-fallback" -> builderArgs.add(hosted("FallbackThreshold", origin, "0"));
                case "--enable-native-access" -> builderArgs.add(hosted("EnableNativeAccess", origin, value));
                case "--add-exports" -> builderArgs.add(hosted("AddExports", origin, value));
                case "--add-opens" -> builderArgs.add(hosted("AddOpens", origin, value));
                case "--add-reads" -> builderArgs.add(hosted("AddReads", origin, value));
                case "--exclude-config" -> {
                    if (i + 2 >= args.size()) {
                        throw fail("--exclude-config needs a jar pattern and a resource pattern");
                    }
                    excludes.add(new Exclude(Pattern.compile(args.get(i + 1)), Pattern.compile(args.get(i + 2))));
                    i += 2;
                }
                case "-jar" -> {
                    if (origin != null || i + 1 >= args.size()) {
                        throw fail("-jar needs a jar (and only on the command line)");
                    }
                    handleJar(baseDir.resolve(args.get(++i)).normalize());
                }
                case "-cp", "-classpath", "--class-path" -> {
                    for (String e : args.get(++i).split(":")) {
                        classpath.add(baseDir.resolve(e).normalize());
                    }
                }
                default -> {
                    if (a.startsWith("-H:")) {
                        builderArgs.add(withOrigin(a, origin));
                    } else if (a.startsWith("-J")) {
                        customJavaArgs.add(a.substring(2));
                    } else if (a.startsWith("-D")) {
                        customJavaArgs.add(a);
                    } else if (!a.startsWith("-") && origin == null) {
                        leftover.add(a);
                    } else {
                        throw fail("driver option not translated: " + a + (origin == null ? "" : " (from " + origin + ")")
                                + "; teach scripts/native/BuilderCommand.java its -H: form");
                    }
                }
            }
        }
    }

    void handleJar(Path jar) throws IOException {
        classpath.add(jar);
        try (JarFile jf = new JarFile(jar.toFile())) {
            Attributes main = jf.getManifest().getMainAttributes();
            mainClass = main.getValue("Main-Class");
            String cp = main.getValue("Class-Path");
            if (cp != null) {
                for (String e : cp.trim().split(" +")) {
                    Path p = jar.getParent().resolve(e).normalize();
                    if (Files.exists(p)) {
                        classpath.add(p);
                    }
                }
            }
            String origin = "the manifest of " + jar;
            for (String[] attr : new String[][]{{"Add-Opens", "AddOpens"}, {"Add-Exports", "AddExports"}}) {
                String v = main.getValue(attr[0]);
                if (v != null) {
                    for (String m : v.trim().split(" +")) {
                        builderArgs.add("-H:" + attr[1] + "=" + m + "=ALL-UNNAMED");
                    }
                }
            }
            String nativeAccess = main.getValue("Enable-Native-Access");
            if (nativeAccess != null) {
                customJavaArgs.add("--enable-native-access=" + nativeAccess);
            }
            if (mainClass == null) {
                throw fail("no Main-Class in " + origin);
            }
        }
    }

    void processMetaInf(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            walkMetaInf(entry, entry);
        } else if (Files.isRegularFile(entry)) {
            try (FileSystem fs = FileSystems.newFileSystem(entry)) {
                walkMetaInf(entry, fs.getPath("/"));
            }
        }
    }

    void walkMetaInf(Path entry, Path root) throws IOException {
        Path base = root.resolve("META-INF/native-image");
        if (!Files.isDirectory(base)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(base)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            if (!fileName.equals("native-image.properties") && !CONFIG_FILES.containsKey(fileName)) {
                if (fileName.endsWith("-config.json")) {
                    throw fail("config file kind not translated: " + file + " in " + entry);
                }
                continue;
            }
            String resourcePath = file.toString(); // "/META-INF/native-image/..." inside a jar
            boolean excluded = excludes.stream().anyMatch(e -> e.jar().matcher(entry.toString()).find()
                    && e.resource().matcher(resourcePath).find());
            if (excluded) {
                continue;
            }
            String origin = Files.isDirectory(entry) ? file.toUri().toString()
                    : "jar:" + entry.toUri() + "!" + resourcePath;
            if (fileName.equals("native-image.properties")) {
                Properties props = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    props.load(in);
                }
                for (String key : props.stringPropertyNames()) {
                    if (!Set.of("Args", "JavaArgs", "ImageName").contains(key)) {
                        throw fail("native-image.properties key not translated: " + key + " in " + origin);
                    }
                }
                String dir = root.relativize(file.getParent()).toString();
                String javaArgs = props.getProperty("JavaArgs");
                if (javaArgs != null) {
                    for (String ja : javaArgs.trim().split("\\s+")) {
                        propertyJavaArgs.add(ja.replace("${.}", dir));
                    }
                }
                String args = props.getProperty("Args");
                if (args != null) {
                    List<String> list = Stream.of(args.trim().split("\\s+")).map(s -> s.replace("${.}", dir)).toList();
                    processArgs(list, origin, entry.getParent());
                }
                String imageName = props.getProperty("ImageName");
                if (imageName != null) {
                    builderArgs.add(hosted("Name", origin, imageName));
                }
            } else {
                String relative = root.relativize(file).toString();
                builderArgs.add(hosted(CONFIG_FILES.get(fileName), origin + "+api", relative));
            }
        }
    }

    static {
        // Fail early and clearly if run on a JDK older than the builder needs.
        if (Runtime.version().feature() < 25) {
            throw new UncheckedIOException(new IOException("run with JDK 25 (the builder's JDK)"));
        }
    }
}
