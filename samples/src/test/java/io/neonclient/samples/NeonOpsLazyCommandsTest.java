package io.neonclient.samples;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code neon-ops} builds only the invoked command's picocli model: every command's help, the top-level usage,
 * global options before or after the command, usage errors and exit codes are what the full command tree gives.
 */
class NeonOpsLazyCommandsTest {

    record Run(int exit, String out, String err) {}

    static Run neonOps(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = NeonOps.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        return new Run(exit, out.toString(), err.toString());
    }

    /** The full tree, as help and completion see it. */
    static CommandLine allCommands() {
        return new CommandLine(new NeonOps.WithAllCommands(name -> null));
    }

    static Class<?> invoked(String... args) {
        return NeonOps.invoked(new CommandLine(new NeonOps(name -> null)).getCommandSpec(), args);
    }

    @Test
    void invoked_isTheFirstArgumentThatIsNeitherAnOptionNorARootOptionsValue() {
        assertEquals(StatusCommand.class, invoked("status"));
        assertEquals(StatusCommand.class, invoked("--storcon", "http://127.0.0.1:1", "status", "--output", "json"));
        assertEquals(StatusCommand.class, invoked("--journal", "status", "status"));
        assertEquals(TenantCommand.class, invoked("--output=json", "--dry-run", "tenant", "list"));
        assertEquals(DrainCommand.class, invoked("evacuate", "--node", "1"));
    }

    @Test
    void invoked_leavesHelpCompletionUnknownAndUncertainArgumentsToTheFullTree() {
        assertNull(invoked());
        assertNull(invoked("help", "status"));
        assertNull(invoked("completion"));
        assertNull(invoked("--help", "status"));
        assertNull(invoked("-hV", "status"));
        assertNull(invoked("--no-such-option", "status"));
        assertNull(invoked("stauts"));
        assertNull(invoked("@args.txt"));
        assertNull(invoked("--", "status"));
    }

    @Test
    void everyCommandsHelp_isTheHelpOfTheFullTree() {
        CommandLine all = allCommands();
        for (Map.Entry<String, CommandLine> c : all.getSubcommands().entrySet()) {
            if (c.getKey().equals("help")) {
                continue;
            }
            Run help = neonOps(c.getKey(), "--help");
            assertEquals(0, help.exit(), c.getKey() + ": " + help.err());
            assertEquals(c.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF), help.out(), c.getKey() + " --help");
            for (String global : new String[] {"--storcon", "--dry-run", "--journal", "--yes", "--output"}) {
                assertTrue(help.out().contains(global), c.getKey() + " --help lacks " + global);
            }
        }
    }

    @Test
    void topLevelHelp_listsEveryCommandWithItsDescription() {
        CommandLine all = allCommands();
        Run help = neonOps("--help");
        assertEquals(0, help.exit(), help.err());
        assertEquals(all.getUsageMessage(CommandLine.Help.Ansi.OFF), help.out());
        assertEquals(help.out(), neonOps("help").out());
        assertEquals(help.out(), neonOps("--help", "status").out());
        for (CommandLine c : all.getSubcommands().values()) {
            assertTrue((help.out().contains("\n  " + c.getCommandName() + " ") || help.out().contains("\n  " + c.getCommandName() + ",")), c.getCommandName() + " missing:\n" + help.out());
        }
        assertTrue(help.out().contains("Show controller readiness, pageservers and tenants."), help.out());
        Run nested = neonOps("help", "tenant");
        assertEquals(0, nested.exit(), nested.err());
        assertEquals(all.getSubcommands().get("tenant").getUsageMessage(CommandLine.Help.Ansi.OFF), nested.out());
    }

    @Test
    void usageErrors_inTheRootsOptions_listEveryCommand_andExit2() {
        Run valueIsACommand = neonOps("--journal", "status", "status");
        assertEquals(2, valueIsACommand.exit());
        assertTrue(valueIsACommand.err().startsWith("Expected parameter for option '--journal' but found 'status'"), valueIsACommand.err());
        assertTrue(valueIsACommand.err().contains("compute-hook") && valueIsACommand.err().contains("wal-recovery"), valueIsACommand.err());
        Run missingValue = neonOps("status", "--output");
        assertEquals(2, missingValue.exit());
        assertTrue(missingValue.err().contains("Missing required parameter for option '--output'"), missingValue.err());
        Run typo = neonOps("stauts");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("Did you mean: neon-ops status"), typo.err());
    }

    @Test
    void usageErrors_inTheCommandsOptions_showThatCommandsUsage_andExit2() {
        Run r = neonOps("status", "--no-such-option");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("Unknown option: '--no-such-option'"), r.err());
        assertTrue(r.err().contains("Usage: neon-ops status"), r.err());
        assertFalse(r.err().contains("compute-hook"), r.err());
    }

    @Test
    void globalOptions_beforeOrAfterTheCommand_reachIt() {
        Run before = neonOps("--storcon", "http://127.0.0.1:1", "--output", "json", "status");
        Run after = neonOps("status", "--output", "json", "--storcon", "http://127.0.0.1:1");
        assertEquals(2, before.exit());
        assertEquals(before.exit(), after.exit());
        assertTrue(before.err().contains("GET /ready failed") && before.err().contains("--storcon"), before.err());
        assertEquals(before.err(), after.err());
        Run none = neonOps("status");
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("--storcon URL (or NEON_STORCON_URL) is required"), none.err());
    }
}
