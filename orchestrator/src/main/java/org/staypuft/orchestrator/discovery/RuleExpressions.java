package org.staypuft.orchestrator.discovery;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * Rules' expressions in CEL (ADR 0018): compiled once against the variables of {@link HostFacts}, type-checked to
 * a boolean, evaluated against a host's facts. CEL has no loops or side effects and always terminates.
 */
@ApplicationScoped
public class RuleExpressions {

    /** Longest expression accepted. */
    public static final int MAX_LENGTH = 4000;
    private static final int CACHE_LIMIT = 1000;

    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true)
            .build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar(HostFacts.FACTS, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar(HostFacts.MAC, SimpleType.STRING).addVar(HostFacts.NAME, SimpleType.STRING)
            .addVar(HostFacts.KIND, SimpleType.STRING).addVar(HostFacts.HOST_ID, SimpleType.STRING)
            .setResultType(SimpleType.BOOL).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
            .build();

    private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

    /** Why the expression is not a valid rule expression (the compiler's message), or empty when it is. */
    public Optional<String> problem(String expression) {
        try {
            COMPILER.compile(expression).getAst();
            return Optional.empty();
        } catch (CelValidationException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Evaluates the expression against a host's variables.
     *
     * @throws CelEvaluationException when the evaluation fails (e.g. a fact the host lacks)
     */
    public boolean matches(String expression, Map<String, Object> variables) throws CelEvaluationException {
        return Boolean.TRUE.equals(program(expression).eval(variables));
    }

    private CelRuntime.Program program(String expression) throws CelEvaluationException {
        CelRuntime.Program program = programs.get(expression);
        if (program == null) {
            CelAbstractSyntaxTree ast;
            try {
                ast = COMPILER.compile(expression).getAst();
            } catch (CelValidationException e) {
                throw new IllegalStateException("a stored rule expression no longer compiles: " + e.getMessage(), e);
            }
            program = RUNTIME.createProgram(ast);
            if (programs.size() >= CACHE_LIMIT) {
                programs.clear();
            }
            programs.put(expression, program);
        }
        return program;
    }
}
