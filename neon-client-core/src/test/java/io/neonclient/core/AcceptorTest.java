package io.neonclient.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AcceptorTest {

    static final Function<Integer, WaitVerdict> JUDGE = Acceptor.judge(n -> "n=" + n, List.of(
            Acceptor.<Integer>doneWhenGone(),
            Acceptor.<Integer>failed(n -> n < 0, n -> "negative " + n),
            Acceptor.<Integer>done(n -> n == 0),
            Acceptor.<Integer>pending(n -> n > 100, n -> "far away")));

    @Test
    void judge_theFirstMatchingAcceptorDecides_inOrder() {
        assertEquals(WaitVerdict.done(), JUDGE.apply(null));
        assertEquals(WaitVerdict.failed("negative -1"), JUDGE.apply(-1));
        assertEquals(WaitVerdict.done(), JUDGE.apply(0));
        assertEquals(WaitVerdict.pending("far away"), JUDGE.apply(101));
    }

    @Test
    void judge_whenNoAcceptorMatches_keepsPollingWithTheFallbackReason() {
        assertEquals(WaitVerdict.pending("n=7"), JUDGE.apply(7));
        Function<Integer, WaitVerdict> noGoneRule = Acceptor.judge(n -> "n=" + n, List.of(Acceptor.<Integer>done(n -> n == 0)));
        assertEquals(WaitVerdict.pending("gone"), noGoneRule.apply(null));
    }

    @Test
    void apply_isEmptyWhenTheAcceptorDoesNotMatch_andStateAcceptorsIgnoreGone() {
        Acceptor<Integer> zero = Acceptor.done(n -> n == 0);
        assertEquals(Optional.empty(), zero.apply(1));
        assertEquals(Optional.empty(), zero.apply(null));
        assertEquals(Optional.of(WaitVerdict.failed("deleted")), Acceptor.<Integer>failedWhenGone("deleted").apply(null));
        assertEquals(Optional.empty(), Acceptor.<Integer>failedWhenGone("deleted").apply(3));
    }

    @Test
    void nullRules_areRefusedNamingTheParameter() {
        assertEquals("when", assertThrows(NullPointerException.class, () -> Acceptor.done(null)).getMessage());
        assertEquals("reason", assertThrows(NullPointerException.class, () -> Acceptor.<Integer>failed(n -> true, null)).getMessage());
        assertEquals("acceptors", assertThrows(NullPointerException.class, () -> Acceptor.<Integer>judge(n -> "", null)).getMessage());
    }
}
