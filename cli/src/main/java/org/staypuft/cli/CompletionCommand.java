package org.staypuft.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code staypuft completion}: the shell completion script picocli generates from the commands themselves, so it
 * never falls behind them (commands, options, and the values of options such as {@code --state}).
 */
@Command(name = "completion", mixinStandardHelpOptions = true, description = {
        "Prints a completion script for bash and zsh.",
        "bash: source <(staypuft completion)",
        "zsh:  autoload -U +X compinit && compinit && autoload -U +X bashcompinit && bashcompinit "
                + "&& source <(staypuft completion)"})
public class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
