package io.neonclient.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neonclient.admin.Recipe;
import io.neonclient.admin.RecipeResult;
import io.neonclient.admin.backup.CatalogEntry;
import io.neonclient.admin.backup.DumpRecord;
import io.neonclient.core.Rfc3339;
import java.io.PrintWriter;

/**
 * The backup commands' {@code --output json}: each ends with one summary object in wire names ({@code "command"} names
 * the command); the recipe commands print their events before it as JSON lines, and their plan as one object.
 */
final class BackupJson {
    private BackupJson() {}

    /** One catalog entry, field by field. */
    static ObjectNode entry(CatalogEntry e) {
        ObjectNode n = CliJson.MAPPER.createObjectNode().put("name", e.name()).put("tenant_id", e.tenant().toString())
                .put("timeline_id", e.timeline().toString()).put("source_timeline_id", e.source().toString())
                .put("lsn", e.lsn().toString()).put("taken_at", Rfc3339.format(e.takenAt())).put("taken_by", e.takenBy())
                .put("purpose", e.purpose()).put("pinned", e.pinned()).put("archived", e.archived());
        ObjectNode labels = n.putObject("labels");
        e.labels().forEach(labels::put);
        e.dumps().forEach(d -> n.withArray("dumps").add(dump(d)));
        n.withArray("dumps");
        return n;
    }

    /** One logical dump. */
    static ObjectNode dump(DumpRecord d) {
        return CliJson.MAPPER.createObjectNode().put("file", d.file()).put("database", d.database()).put("bytes", d.bytes())
                .put("taken_at", Rfc3339.format(d.takenAt())).put("pg_dump_version", d.pgDumpVersion())
                .put("server_version", d.serverVersion());
    }

    /** Prints the plan: text for people, one {@code {"recipe", "plan": [...]}} object with {@code --output json}. */
    static void plan(Recipe recipe, NeonOps ops, PrintWriter out) {
        if (!ops.json()) {
            RecipeRunner.planOrRun(recipe, true, out);
            return;
        }
        ObjectNode plan = CliJson.MAPPER.createObjectNode().put("recipe", recipe.name()).put("dry_run", ops.dryRun);
        var steps = plan.putArray("steps");
        recipe.steps().forEach(s -> steps.addObject().put("step", s.name()).put("description", s.description()));
        out.println(plan);
        out.flush();
    }

    /** Runs the recipe printing its events: text, or JSON lines with {@code --output json}. */
    static RecipeResult run(Recipe recipe, NeonOps ops, PrintWriter out) {
        return ops.json() ? RecipeRunner.run(recipe, ops, out) : RecipeRunner.run(recipe, out);
    }
}
