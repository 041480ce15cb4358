package io.neonclient.core;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RecipeFailedExceptionTest {

    @Test
    void aRecipeFailure_isANeonException_sayingRecipeStepCauseAndNextAction_onOneLine() {
        var cause = ApiException.of(new Operation("PUT", "/control/v1/tenant/{tenant_id}/policy"), 503, "Shutting down", 4);
        NeonException e = new RecipeFailedException("TimeTravel", "detach", "re-run with the same journal", cause);
        assertEquals("TimeTravel stopped at step 'detach': " + cause.getMessage() + " -- next: re-run with the same journal", e.getMessage());
        assertEquals(cause.operation(), e.operation(), "the call that failed is the cause's");
        assertEquals(4, e.attempts());
        assertSame(cause, e.getCause());
        String kind = switch (e) {
            case ApiException a -> "api";
            case TransportException t -> "transport";
            case ProtocolException p -> "protocol";
            case WaitException w -> "wait";
            case RecipeFailedException r -> r.recipe() + "/" + r.step() + ": " + r.nextAction();
        };
        assertEquals("TimeTravel/detach: re-run with the same journal", kind);
    }

    @Test
    void aCauseThatIsNotACall_hasNoOperation() {
        var e = new RecipeFailedException("ShardMove", "check", "nothing changed", new IllegalStateException("node 3 is Offline"));
        assertNull(e.operation());
        assertEquals(0, e.attempts());
        assertThrows(NullPointerException.class, () -> new RecipeFailedException("ShardMove", "check", null, e));
    }
}
