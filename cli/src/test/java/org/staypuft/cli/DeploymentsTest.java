package org.staypuft.cli;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code deployments apply} creates or updates by name; export, show, list, delete. */
class DeploymentsTest extends ServedCliTest {

    static final String DEMO_ID = "9d3e6b1a-7c2f-4e8a-b5d4-1f6a2c8e0b37";

    static final String STAGING_YAML = """
            name: staging
            description: Two roles
            roles:
            - name: database
            - name: web
              dependsOn: [database]
              mode: serial
            """;

    static final String DEMO_YAML = """
            name: demo
            description: More compute
            parameters:
              ntp_server: ntp.example.com
            roles:
            - name: database
              hosts: [mac525400000011, mac525400000012]
            - name: compute
              dependsOn: [database]
              mode: leader
              maxConcurrent: 20
            """;

    @Test
    void aDeploymentWithANewNameIsImportedFromTheYamlAsItIs() throws Exception {
        Files.writeString(directory.resolve("staging.yaml"), STAGING_YAML);
        server.json("POST", "/api/v1/deployments/import", 201,
                CliRun.resource("deployment-demo.json").replace("\"demo\"", "\"staging\""));

        CliRun.Result result = new CliRun(directory).against(server, "deployments", "apply", "-f", "staging.yaml");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Created deployment staging (4 roles, 10 hosts)");
        ApiServer.Request imported = server.requests("POST", "/api/v1/deployments/import").get(0);
        assertThat(imported.header("Content-Type")).isEqualTo("application/yaml");
        assertThat(imported.body()).isEqualTo(STAGING_YAML);
        assertThat(server.requests()).noneMatch(request -> request.method().equals("PUT"));
    }

    @Test
    void aDeploymentWhoseNameExistsIsUpdatedWithTheDefinitionAsJson() throws Exception {
        Files.writeString(directory.resolve("demo.yaml"), DEMO_YAML);
        server.json("PUT", "/api/v1/deployments/" + DEMO_ID, 200, CliRun.resource("deployment-demo.json"));

        CliRun.Result result = new CliRun(directory).against(server, "deployments", "apply", "--file", "demo.yaml");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Updated deployment demo");
        ApiServer.Request update = server.requests("PUT", "/api/v1/deployments/" + DEMO_ID).get(0);
        assertThat(update.header("Content-Type")).isEqualTo("application/json");
        assertThat(Output.JSON.readTree(update.body())).isEqualTo(new YAMLMapper().readTree(DEMO_YAML));
        assertThat(server.requests("POST", "/api/v1/deployments/import")).isEmpty();
    }

    @Test
    void applyReadsStdinAndPrintsOnlyJsonForScripts() throws Exception {
        server.json("PUT", "/api/v1/deployments/" + DEMO_ID, 200, CliRun.resource("deployment-demo.json"));

        CliRun.Result result = new CliRun(directory).stdin(DEMO_YAML).against(server, "deployments", "apply", "-f",
                "-", "--output", "json");

        assertThat(result.exitCode()).isZero();
        JsonNode answer = Output.JSON.readTree(result.out());
        assertThat(answer.path("action").asText()).isEqualTo("updated");
        assertThat(answer.path("deployment").path("id").asText()).isEqualTo(DEMO_ID);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aFileThatIsNoDeploymentIsAUsageErrorAndNothingIsSent() throws Exception {
        Files.writeString(directory.resolve("broken.yaml"), "name: demo\nroles: [\n");
        Files.writeString(directory.resolve("nameless.yaml"), "roles:\n- name: web\n");
        CliRun cli = new CliRun(directory);

        CliRun.Result broken = cli.against(server, "deployments", "apply", "-f", "broken.yaml");
        CliRun.Result nameless = cli.against(server, "deployments", "apply", "-f", "nameless.yaml");
        CliRun.Result missing = cli.against(server, "deployments", "apply", "-f", "missing.yaml");

        assertThat(broken.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(broken.err()).isEqualTo("Error: broken.yaml is not valid YAML (line 3, column 1): expected the node "
                + "content, but found '<stream end>'" + System.lineSeparator());
        assertThat(nameless.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(nameless.err()).contains("nameless.yaml has no name");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("cannot read missing.yaml: no such file");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void everyProblemTheOrchestratorFindsIsShownWithItsField() throws Exception {
        Files.writeString(directory.resolve("staging.yaml"), STAGING_YAML);
        server.json("POST", "/api/v1/deployments/import", 400, """
                {"status":400,"title":"Invalid deployment","errors":[
                 {"field":"roles[1].mode","message":"mode must be concurrent, serial or leader"},
                 {"field":"roles[1].dependsOn","message":"unknown role datbase"}]}""");

        CliRun.Result result = new CliRun(directory).against(server, "deployments", "apply", "-f", "staging.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(result.err()).contains("Error: from the orchestrator: Invalid deployment:",
                "  mode must be concurrent, serial or leader [roles[1].mode]",
                "  unknown role datbase [roles[1].dependsOn]");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void exportShowListAndDeleteFindTheDeploymentByName() throws Exception {
        String yaml = "name: demo\nroles:\n- name: database\n";
        server.text("GET", "/api/v1/deployments/" + DEMO_ID + "/export", 200, "application/yaml", yaml)
                .json("DELETE", "/api/v1/deployments/" + DEMO_ID, 204, "");
        CliRun cli = new CliRun(directory);

        assertThat(cli.against(server, "deployments", "export", "demo").out()).isEqualTo(yaml);
        assertThat(cli.against(server, "deployments", "export", "demo", "-o", "demo.yaml").exitCode()).isZero();
        assertThat(directory.resolve("demo.yaml")).hasContent(yaml);
        assertThat(cli.against(server, "deployments", "show", "demo").out()).contains(
                "Deployment demo (id " + DEMO_ID + ")", "active run: none", "ntp_server = pool.ntp.org",
                "compute     controller  quickstack::compute",
                "Hosts of compute: mac525400000031, mac525400000032, mac525400000033, mac525400000034");
        assertThat(cli.against(server, "deployments", "list").out()).contains("NAME", "demo", "lab", DEMO_ID);
        CliRun.Result deleted = cli.against(server, "deployments", "delete", "demo");
        assertThat(deleted.out()).contains("Deleted deployment demo");
        assertThat(server.requests("DELETE", "/api/v1/deployments/" + DEMO_ID)).hasSize(1);

        CliRun.Result unknown = cli.against(server, "deployments", "delete", "nope");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.SERVICE);
        assertThat(unknown.err()).contains("no deployment named nope (staypuft deployments list shows them)");
    }
}
