package org.staypuft.cli.watch.render;

import java.util.List;

import org.staypuft.cli.ExitCode;
import org.staypuft.cli.Output;
import org.staypuft.cli.watch.Changes;
import org.staypuft.cli.watch.Failure;
import org.staypuft.cli.watch.ProgressRenderer;
import org.staypuft.cli.watch.RoleProgress;
import org.staypuft.cli.watch.RunProgress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Progress for scripts: one JSON object per line, {@code "event"} telling which: {@code run}, {@code role},
 * {@code failure}, {@code notice}, and last {@code result} with the final state and the exit code.
 */
public final class JsonProgressRenderer implements ProgressRenderer {

    private final Output output;

    public JsonProgressRenderer(Output output) {
        this.output = output;
    }

    @Override
    public void started(RunProgress run) {
        output.jsonLine(run(run));
        run.roles().forEach(role -> output.jsonLine(role(run, role)));
    }

    @Override
    public void changed(RunProgress run, Changes changes) {
        if (changes.run()) {
            output.jsonLine(run(run));
        }
        changes.roles().forEach(role -> output.jsonLine(role(run, role)));
        changes.failures().forEach(failure -> output.jsonLine(failure(run, failure)));
    }

    @Override
    public void notice(RunProgress run, String message) {
        output.jsonLine(event("notice", run).put("message", message));
    }

    @Override
    public void finished(RunProgress run, List<Failure> failures) {
        ObjectNode result = event("result", run);
        result.put("deployment", run.deploymentName());
        result.put("status", run.status());
        result.put("exitCode", ExitCode.ofRunStatus(run.status()));
        result.put("reason", run.reason());
        if (run.durationMillis() != null) {
            result.put("durationMillis", run.durationMillis());
        }
        ArrayNode roles = result.putArray("roles");
        run.roles().forEach(role -> roles.add(roleFields(Output.JSON.createObjectNode(), role)));
        ArrayNode failed = result.putArray("failures");
        failures.forEach(failure -> failed.add(failureFields(Output.JSON.createObjectNode(), failure)));
        output.jsonLine(result);
    }

    private static ObjectNode run(RunProgress run) {
        return event("run", run).put("deployment", run.deploymentName()).put("status", run.status())
                .put("phase", run.phase()).put("reason", run.reason());
    }

    private static ObjectNode role(RunProgress run, RoleProgress.Line role) {
        return roleFields(event("role", run), role);
    }

    private static ObjectNode roleFields(ObjectNode node, RoleProgress.Line role) {
        return node.put("role", role.name()).put("status", role.status()).put("total", role.total())
                .put("done", role.done()).put("skipped", role.skipped()).put("running", role.running())
                .put("failed", role.failed()).put("preparing", role.preparing()).put("enabling", role.enabling())
                .set("waitingFor", Output.JSON.valueToTree(role.waitingFor()));
    }

    private static ObjectNode failure(RunProgress run, Failure failure) {
        return failureFields(event("failure", run), failure);
    }

    private static ObjectNode failureFields(ObjectNode node, Failure failure) {
        return node.put("hostId", failure.hostId()).put("role", failure.role()).put("phase", failure.phase())
                .put("reason", failure.reason()).put("attempt", failure.attempt());
    }

    private static ObjectNode event(String kind, RunProgress run) {
        return Output.JSON.createObjectNode().put("event", kind).put("runId", run.runId());
    }
}
