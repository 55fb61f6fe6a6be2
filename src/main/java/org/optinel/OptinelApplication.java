package org.optinel;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.optinel.core.OptinelException;
import picocli.CommandLine;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Optinel's entry point. With no arguments, or {@code serve}, it runs the service. With a command
 * name ({@code import}, ...) it starts without a web server, runs that command against the same
 * database, and exits with the command's status. Commands are the beans annotated with
 * picocli's {@link CommandLine.Command}, contributed by the modules.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OptinelApplication {

	private static final Set<String> HELP = Set.of("help", "-h", "--help");

	public static void main(String[] args) {
		boolean command = args.length > 0 && (HELP.contains(args[0]) || !args[0].startsWith("-") && !args[0].equals("serve"));
		if (command) {
			System.exit(runCommand(args));
		}
		String[] serve = args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
		SpringApplication.run(OptinelApplication.class, serve);
	}

	static int runCommand(String[] args) {
		SpringApplication application = new SpringApplication(OptinelApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		// Keep the terminal for the command's own output and progress.
		// A command never sends, nor moves campaigns on: that is the service's work. A dispatcher started
		// here would also take the service's messages in flight for a crash's leftovers.
		application.setDefaultProperties(Map.of("logging.level.root", "WARN", "logging.level.org.optinel", "WARN",
				"optinel.outbox.enabled", "false", "optinel.campaigns.schedule", "false"));
		try (ConfigurableApplicationContext context = application.run()) {
			CommandLine cli = new CommandLine(new Optinel());
			context.getBeansWithAnnotation(CommandLine.Command.class)
				.values()
				.forEach(command -> cli.addSubcommand(command));
			cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
				if (e instanceof OptinelException problem) {
					commandLine.getErr().println("error: " + problem.getMessage());
					return 2;
				}
				throw e;
			});
			return cli.execute(HELP.contains(args[0]) ? new String[] { "--help" } : args);
		}
	}

	/** The root command: lists the commands. */
	@CommandLine.Command(name = "java -jar optinel.jar", mixinStandardHelpOptions = true,
			description = "Optinel. Without a command (or with 'serve') it runs the service.",
			subcommandsRepeatable = false)
	static class Optinel implements Runnable {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Override
		public void run() {
			spec.commandLine().usage(System.out);
		}
	}
}
