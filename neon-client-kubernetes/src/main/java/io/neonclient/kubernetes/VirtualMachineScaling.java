package io.neonclient.kubernetes;

import io.neonclient.core.Acceptor;
import io.neonclient.core.Awaitable;
import io.neonclient.core.WaitPolicy;
import io.neonclient.core.WaitProgress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A scale sent to a NeonVM, from {@link VirtualMachines#scale}. Each {@code await} polls
 * {@code GET /apis/vm.neon.tech/v1/namespaces/{namespace}/virtualmachines/{name}} until the NeonVM controller reports
 * the change done, the way upstream autoscaling's {@code pkg/neonvm/controllers/vm_controller.go} does it: it sets
 * {@code status.phase} to {@code Scaling} while it plugs CPUs and memory, back to {@code Running} with
 * {@code status.cpus} and {@code status.memorySize} updated, and then copies {@code spec.targetRevision} into
 * {@code status.currentRevision}.
 *
 * <p>Done: phase {@code Running}, {@code status.cpus} and {@code status.memorySize} as asked, {@code status.currentRevision}
 * equal to {@link #revision()}; returns the VM as then observed. Fails at once when the phase is {@code Failed}, when
 * the VM is deleted, or when someone else wrote another {@code spec.targetRevision} (a later change supersedes this
 * one). A timeout's {@code lastState(VirtualMachine.class)} is the VM as last seen.
 *
 * <p>A NeonVM controller too old to propagate revisions never fills {@code status.currentRevision}; the wait then
 * times out with the VM {@code Running} at the new size and the reason saying the revision is unset.
 */
public final class VirtualMachineScaling implements Awaitable<VirtualMachine> {
    private final VirtualMachine before;
    private final MilliCpu cpus;
    private final int memorySlots;
    private final Revision revision;
    private final Waiting<VirtualMachine, VirtualMachine> waiting;

    VirtualMachineScaling(VirtualMachine before, MilliCpu cpus, int memorySlots, Revision revision, WaitPolicy defaults,
                          Supplier<Optional<VirtualMachine>> probe) {
        this.before = before;
        this.cpus = cpus;
        this.memorySlots = memorySlots;
        this.revision = revision;
        long memory = memorySlots * before.memorySlotSize();
        this.waiting = new Waiting<>("VirtualMachine " + before.qualifiedName() + " running with " + cpus + " CPUs and "
                + memorySlots + " memory slots (" + memory + " bytes) at revision " + revision.value(), defaults,
                () -> probe.get().orElse(null),
                Acceptor.judge(vm -> pendingReason(vm, memory), List.of(
                        Acceptor.<VirtualMachine>failedWhenGone("the VirtualMachine was deleted"),
                        Acceptor.<VirtualMachine>failed(vm -> vm.phase().equals(Optional.of(VmPhase.FAILED)),
                                vm -> "status.phase is Failed"),
                        Acceptor.<VirtualMachine>failed(vm -> !vm.targetRevision().equals(Optional.of(revision)),
                                vm -> "spec.targetRevision is now " + vm.targetRevision().map(Revision::toString).orElse("unset")
                                        + ": another change superseded this scale"),
                        Acceptor.<VirtualMachine>done(vm -> vm.phase().equals(Optional.of(VmPhase.RUNNING))
                                && vm.statusCpus().equals(Optional.of(cpus))
                                && vm.statusMemory().equals(Optional.of(memory))
                                && vm.currentRevision().equals(Optional.of(revision))))),
                vm -> vm);
    }

    private String pendingReason(VirtualMachine vm, long memory) {
        return "status.phase " + vm.phase().map(VmPhase::toString).orElse("unset")
                + ", status.cpus " + vm.statusCpus().map(MilliCpu::toString).orElse("unset") + " (want " + cpus + ")"
                + ", status.memorySize " + vm.statusMemory().map(String::valueOf).orElse("unset") + " (want " + memory + ")"
                + ", status.currentRevision " + vm.currentRevision().map(Revision::toString).orElse("unset")
                + " (want " + revision + ")";
    }

    /** The VM as read before the patch was sent. */
    public VirtualMachine before() {
        return before;
    }

    /** The {@code spec.guest.cpus.use} sent. */
    public MilliCpu cpus() {
        return cpus;
    }

    /** The {@code spec.guest.memorySlots.use} sent. */
    public int memorySlots() {
        return memorySlots;
    }

    /** The {@code spec.targetRevision} sent, which {@code status.currentRevision} must reach. */
    public Revision revision() {
        return revision;
    }

    @Override
    public VirtualMachine await() {
        return waiting.await();
    }

    @Override
    public VirtualMachine await(Duration timeout) {
        return waiting.await(timeout);
    }

    @Override
    public VirtualMachine await(WaitPolicy policy, Consumer<? super WaitProgress<?>> progress) {
        return waiting.await(policy, progress);
    }

    @Override
    public String toString() {
        return "Awaitable[" + waiting.awaited() + "]";
    }
}
