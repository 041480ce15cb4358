package io.neonclient.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One rule of a wait, after AWS SDK v2's {@code WaiterAcceptor}: when an observed state matches, the wait is
 * {@link WaitVerdict.Done done}, {@link WaitVerdict.Failed failed} or {@link WaitVerdict.Pending still pending}. A list of
 * acceptors, tried in order, is the judge a {@link Waiter} needs ({@link #judge(Function, List)}), so what counts as done
 * is data rather than a class per wait:
 *
 * <pre>{@code
 * Function<Node, WaitVerdict> drained = Acceptor.judge(n -> "scheduling " + n.scheduling(), List.of(
 *         Acceptor.failedWhenGone("the node was deleted"),
 *         Acceptor.done(n -> n.scheduling() == NodeSchedulingPolicy.PAUSE_FOR_RESTART),
 *         Acceptor.failed(n -> n.scheduling() == NodeSchedulingPolicy.ACTIVE, n -> "the drain was cancelled")));
 * }</pre>
 *
 * A state is "gone" when the probe observed nothing, i.e. returned null (by convention: the resource answered 404).
 * Only the {@code …WhenGone} acceptors match a gone state; the others are never called with null.
 *
 * @param matches whether this acceptor applies to a state (null for a gone state)
 * @param verdict what the wait does then
 * @param <S>     the observed state's type
 */
public record Acceptor<S>(Predicate<? super S> matches, Function<? super S, WaitVerdict> verdict) {

    /** Checks the components: refuses a null component, naming it. */
    public Acceptor {
        Objects.requireNonNull(matches, "matches");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** Done when {@code when} holds. */
    public static <S> Acceptor<S> done(Predicate<? super S> when) {
        Objects.requireNonNull(when, "when");
        return new Acceptor<>(s -> s != null && when.test(s), s -> WaitVerdict.done());
    }

    /** Keep polling when {@code when} holds, with {@code reason} as the progress and timeout text. */
    public static <S> Acceptor<S> pending(Predicate<? super S> when, Function<? super S, String> reason) {
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(reason, "reason");
        return new Acceptor<>(s -> s != null && when.test(s), s -> WaitVerdict.pending(reason.apply(s)));
    }

    /** Fail at once when {@code when} holds, with {@code reason} in the {@link WaitFailedException}. */
    public static <S> Acceptor<S> failed(Predicate<? super S> when, Function<? super S, String> reason) {
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(reason, "reason");
        return new Acceptor<>(s -> s != null && when.test(s), s -> WaitVerdict.failed(reason.apply(s)));
    }

    /** Done when the resource is gone (the probe saw 404): the end of a deletion. */
    public static <S> Acceptor<S> doneWhenGone() {
        return new Acceptor<>(Objects::isNull, s -> WaitVerdict.done());
    }

    /** Fail at once when the resource is gone, e.g. a node deleted while it drains. */
    public static <S> Acceptor<S> failedWhenGone(String reason) {
        Objects.requireNonNull(reason, "reason");
        return new Acceptor<>(Objects::isNull, s -> WaitVerdict.failed(reason));
    }

    /** This acceptor's verdict on {@code state}, or empty when it does not apply. */
    public Optional<WaitVerdict> apply(S state) {
        return matches.test(state) ? Optional.of(verdict.apply(state)) : Optional.empty();
    }

    /**
     * A judge trying {@code acceptors} in order: the first that matches decides. When none matches the wait keeps
     * polling with {@code otherwise} as its reason (a state this SDK does not know yet, for instance, is "not yet");
     * a gone state that no acceptor claims keeps polling with the reason "gone".
     */
    public static <S> Function<S, WaitVerdict> judge(Function<? super S, String> otherwise, List<Acceptor<? super S>> acceptors) {
        Objects.requireNonNull(otherwise, "otherwise");
        List<Acceptor<? super S>> rules = List.copyOf(Objects.requireNonNull(acceptors, "acceptors"));
        return state -> {
            for (Acceptor<? super S> rule : rules) {
                if (rule.matches().test(state)) {
                    return rule.verdict().apply(state);
                }
            }
            return WaitVerdict.pending(state == null ? "gone" : otherwise.apply(state));
        };
    }
}
