//! morestack-runtime: the run-time half of morestack's stack ABI.
//!
//! Generated code (Cranelift, `CallConv::Tail`) runs on a *program stack* owned by this
//! crate; Rust code of the runtime and of the host functions runs only on the thread's
//! ordinary *system stack*. This comment states the contract between the two once; the
//! code refers to it as "the stack ABI" (compare Go's `runtime/stack.go`).
//!
//! # The stack ABI
//!
//! **Context.** Each run has a [`Context`] (`#[repr(C)]`, field offsets in [`offsets`]).
//! Cranelift's pinned register holds its address while generated code runs: **r15** on
//! x86-64, **x21** on AArch64. The context is always the first field of the runtime's
//! private per-run state, so the runtime reaches everything else (the saved system-stack
//! pointer, the output sink, statistics) from the same pointer. Only contexts created by
//! [`run`] may be passed to the host functions and stubs of this crate.
//!
//! **Stack guard and reserve.** `Context::stack_guard` (offset 0) is the lowest stack
//! pointer a function body may run at. It lies *reserve* bytes ([`StackConfig::reserve`])
//! above the lowest usable byte `lo` of the current stack (segment); below `lo` lies a
//! `PROT_NONE` guard page.
//!
//! ```text
//!   caller's SP at the call -> +--------------------------+
//!                              | frame record (ret, fp)   |  16 bytes  \
//!                              | callee-saved registers   |             |  the function's
//!                              | spill slots, stack slots |             |  frame (an inline
//!                              | outgoing arguments       |             |  check's pre-check
//!   SP after the prologue ---> +--------------------------+            /   depth D)
//!         ... (a body runs only here, at SP >= guard) ...
//!   guard ------------------>  +--------------------------+
//!                              | reserve (>= every D)     |
//!   lo --------------------->  +--------------------------+
//!                              | guard page (PROT_NONE)   |
//! ```
//!
//! A function's **pre-check depth** D is what it may write below its caller's SP before
//! its check has compared with the guard. It depends on where the check is:
//!
//! - **Before the frame** (the compiler's functions): the check is machine code in front
//!   of Cranelift's, comparing the SP the body will run at (the frame is known exactly
//!   once compiled) with the guard before anything of the frame is written. D is the
//!   return address the call pushed (x86-64), counted as a 16-byte frame record.
//! - **Inline**, in the function's IR (embedders' functions, `morestack-cranelift`'s
//!   `stack_check`): it runs after Cranelift's prologue, which has pushed the frame
//!   record and callee-saved registers and moved SP below the whole frame, and after the
//!   register allocator's spills of the parameters (or, in relocatable code, the stores of
//!   pointer parameters into their stack-map slots) may have been written anywhere in
//!   that frame. D is the whole frame as Cranelift laid it out: the bytes from the
//!   caller's SP down to the SP after the prologue (`frame_to_fp_offset + 16`, the frame
//!   record included).
//! - **In a checking entry**: a separate tiny function in front of a body whose frame is
//!   too deep for an inline check, comparing the SP its body *will* run at (its frame
//!   pointer minus the body's frame) with the guard, then tail-calling the body. D is the
//!   entry's own small frame.
//!
//! The invariants, which every piece of code that runs on a program stack keeps:
//!
//! 1. *A body runs only at SP >= guard.* Every function's check, wherever it is, sends it
//!    to morestack when its body would run below the guard. The exceptions are a
//!    *small leaf*: a function that calls no compiled function (only the host-call thunk)
//!    and whose whole frame is at most 128 bytes has no check at all, like Go's leaves
//!    within `StackSmall`; it runs below its caller's body, inside the reserve, and calls
//!    nothing that could go deeper; and the *early returns* of a function whose inline
//!    check was moved past them (`morestack_cranelift::prologue::sink_stack_check`):
//!    paths that compute only pure values and return, calling nothing, trapping never
//!    and writing nothing but the function's frame (at most 128 bytes), which is its
//!    pre-check depth D.
//! 2. *The reserve covers every pre-check depth:* reserve >= D for every function and
//!    every checking entry that the run executes, and reserve >= D + 8
//!    (a host call's return address) for every small leaf. A call made by a body
//!    (at SP >= guard) therefore writes at most D bytes below SP before the callee's
//!    check either passes or sends it to morestack (or, for a leaf, at most D + 8 bytes
//!    in all): never below `lo`, on any stack, whatever the depth. The compiler sets
//!    each program's reserve to its largest such depth rounded up to 16
//!    (`morestack::Compiled::reserve`): with checks before the frame, the largest small
//!    leaf's frame plus 8, or 16 bytes; never more than [`MAX_RESERVE`] = 1024 bytes
//!    (Go's equivalent, `_StackGuard`, is 928 bytes on linux/amd64). A checking entry's
//!    own D is its small frame: its 16-byte frame record, plus the callee-saved registers
//!    it uses when it must carry stack-passed arguments across its check. Code whose
//!    depth is unknown runs with
//!    [`DEFAULT_RESERVE`] (512 bytes); [`MIN_RESERVE`] (16) is one frame record.
//! 3. *The runtime writes nothing below a body's SP on a program stack* but the return
//!    address of a call to the host-call thunk (x86-64: 8 bytes, less than any D); the
//!    thunk and morestack switch to the system stack before doing anything else.
//! 4. *Signals never run on a program stack:* a kernel signal frame (up to several KB)
//!    does not fit any reserve; handlers run on the thread's alternate signal stack.
//! 5. *Room after a split or a move:* morestack gives the restarted function at least
//!    its frame, its stack arguments and `reserve` + 112 bytes (the segment record, a
//!    return address and slack) above the new guard.
//!
//! Touching a guard page is therefore always a runtime bug, reported by the signal
//! handler (see [`install_signal_handlers`]), never silently.
//!
//! **Cold path (morestack).** When the check fails, the function's cold block writes
//! `ms_func` (its own address), `ms_frame` (bytes the frame needs), `ms_argbytes` (bytes
//! of stack-passed arguments) and `ms_ptrmask` into the context, pops its frame and
//! *tail-calls* the morestack stub at `Context::morestack` with its own signature. The
//! stub is therefore entered exactly as the function was: the return address in place
//! (`[rsp]` on x86-64, `x30` on AArch64) and every argument register intact (x86-64 Tail
//! convention: integers in rdi, rsi, rdx, rcx, r8, r9, floats and vectors in xmm0-xmm7;
//! AArch64: integers in x2..x7 (x0 = return area, x1), floats and vectors in v0-v7). The
//! stub saves the integer argument registers into the context (the decision function
//! may relocate pointers among them), switches to the system stack, saves the
//! float/vector argument registers there (all 128 bits of each: a vector argument such
//! as an `i32x4` uses all of them) and calls the Rust decision function, which either
//! ends the run (the fixed strategy: reaching the guard *is* the overflow) or returns
//! the stack pointer to restart `ms_func` at (later strategies: a new segment or a
//! copied stack); the stub then reloads every argument register and jumps to `ms_func`.
//! **Every argument register, integer and float/vector, reaches the restarted function
//! as the cold block passed it**, and every result register (x86-64 Tail: rax, rcx, rdx,
//! rsi, rdi, r8, r9, r10 and xmm0-xmm7; AArch64: x0..x7 and v0-v7) reaches the caller as
//! the function returned it, on every path: the segmented fast path and its inline
//! lessstack touch only scratch integer registers (x86-64 r11, AArch64 x16/x17), and
//! `lessstack`'s slow path saves the result registers, float/vector ones on the system
//! stack, around its call into Rust.
//!
//! **Host calls.** Generated code never calls Rust directly. It calls the host-call
//! thunk ([`hostcall_thunk`], a SysV function `thunk(f, ...)`) with the pinned register
//! holding the context; the thunk switches to the system stack recorded in the context,
//! calls `f` there with its first argument replaced by the context and every other
//! argument register unchanged, and switches back leaving the return registers as `f`
//! set them. So `f` may be any `extern "C"` function (not variadic) of the form
//! `f(ctx: *mut Context, up to 5 more integer arguments, up to 8 float arguments) ->
//! i64, f64 or (i64, i64)`: the thunk passes through x86-64 rsi, rdx, rcx, r8, r9 and
//! xmm0-xmm7 (AArch64: x1..x7 and v0-v7, all 128 bits) and returns rax, rdx, xmm0, xmm1
//! (AArch64: x0, x1, v0-v3) unchanged. Nothing may be passed on the stack (the thunk
//! calls `f` on another stack). The runtime's own [`host`] functions are [`HostFn`]s,
//! `f(ctx, a, b, c) -> i64`. A copying stack may be shrunk or moved at a host call (see
//! "Stack copying"); the thunk then saves and restores the argument registers around
//! the move. So no argument may point into the program stack, with one exception: the
//! in-place thunk ([`hostcall_thunk_in_place`]) never moves the stack, and `f` may read
//! through such an address until it returns (an embedder's host call with more
//! arguments than registers passes them in a block of the caller's frame this way).
//!
//! **Entry and exit.** [`run`] maps the stack, fills in the context and calls the arch
//! *enter* routine, which saves every callee-saved register (including the pinned
//! register, which Cranelift does not preserve) on the system stack, records the system
//! SP in the context, switches SP to the top of the program stack (16-byte aligned) and
//! calls the compiler's [`EntryFn`] trampoline. A normal return switches back. A panic or
//! overflow instead *abandons* the program stack: the arch *abort* routine reloads the
//! recorded system SP, restores the callee-saved registers and makes the enter routine
//! return an error status (like `longjmp`). The Rust frames discarded this way (a host
//! function and the runtime code it called) own nothing that needs `Drop`.
//!
//! **Alignment.** SP is 16-byte aligned at every call on both architectures; on AArch64
//! SP is always 16-byte aligned.
//!
//! # Strategies
//!
//! **Fixed.** One reservation of `stack_max` bytes (`MAP_NORESERVE`) with a guard page
//! below it. Reaching the guard is the overflow error: the morestack decision ends the run.
//!
//! # Segmented stacks
//!
//! The stack is a chain of segments ([`Strategy::Segmented`], as Go until 1.3 and gcc's
//! `-fsplit-stack`). Each segment is its own mapping with a `PROT_NONE` guard page below
//! it; the context's guard always belongs to the current one. When a function's check
//! fails, morestack takes the next segment, writes the *stack-info record* at its top,
//! copies the stack-passed arguments below the record, makes **lessstack** the return
//! address and restarts the function there:
//!
//! ```text
//!   old segment                              new segment
//!   +------------------------+               +------------------------+ <- hi
//!   | caller's frame         |               | argbytes               |  +24 \
//!   | stack arguments  ------+--- copied --+ | ret (real return addr) |  +16  | stack-info
//!   | return address (x86)   |  <- entry sp | | old_guard              |  +8   | record
//!   +------------------------+             | | old_sp                 |  +0  /
//!   (the function's frame was popped by    +>| stack arguments        |
//!    its cold block before morestack)        | lessstack (x86-64)     |  <- restart sp
//!                                            | the function's frame   |
//!                                            | ...                    |
//!                                            +------------------------+ <- lo + reserve = guard
//!                                            | reserve                |
//!                                            +------------------------+ <- lo
//!                                            | guard page (PROT_NONE) |
//! ```
//!
//! `old_sp` is where the caller continues (the entry SP with the return address (x86-64)
//! and the stack arguments popped), `old_guard` the previous segment's guard. On AArch64
//! the return address is x30, so morestack restarts with x30 = lessstack and no slot.
//! The function's `ret` (which pops its stack arguments, as the Tail convention makes
//! callees do) lands in lessstack with SP at the record; lessstack restores the old guard,
//! steps the chain index back, sets SP to `old_sp` and jumps to `ret`, leaving the result
//! registers (integer and float/vector) as the function returned them. Frame pointers
//! are untouched: the restarted function's frame record links to its caller in the old
//! segment.
//!
//! **Invariants.** (1) Nothing runs below the current segment's guard except the writes the
//! reserve covers. (2) A segment's record is written before the function restarts and is
//! read only by the lessstack of that same activation, so records never need updating.
//! (3) The chain's total size (all segments up to the current one) never exceeds
//! `stack_max`; a split that would exceed it is the overflow error. (4) Segments never
//! move, so pointers into older segments stay valid. (5) A function restarted on a
//! segment does not grow its incoming argument area (our code generator never does), so
//! its return leaves SP exactly at the record.
//!
//! **Cache policy** ([`SegmentCache`]). `None` frees a segment as soon as lessstack leaves
//! it (mmap/munmap at every split: the hot split at its worst). `Keep` (the default) keeps
//! the left segment linked after the current one; the next split there reuses it when it
//! is big enough (else it and every segment after it are freed and a new one is mapped).
//!
//! **Fast path.** With `Keep`, the morestack stub links a kept segment itself, without
//! saving registers or entering Rust, when the function has no stack arguments and an
//! ordinary frame; it restarts the function with a real `call`/`blr` and does lessstack's
//! work inline after it, so the return-address predictor stays right on both returns.
//! Everything else (new segments, stack arguments, big frames, overflow) goes through the
//! Rust decision function and the `lessstack` stub.
//!
//! **Segment sizes.** A new segment is `stack_min` bytes (default 8 KiB, Go 1.2's size),
//! or bigger when the frame needs it, and at least 1/8 of the chain below it, so a deep
//! stack takes O(log depth) segments: each segment is two kernel mappings (its pages and
//! its guard page) and Linux allows a process 65 530, which 2 KiB segments alone would
//! use up by 64 MiB of stack.
//!
//! # Stack copying
//!
//! The stack is one contiguous mapping ([`Strategy::Copying`], as Go since 1.4). When a
//! function's check fails, morestack maps a stack twice as large (doubling until the live
//! part, the function's frame and its arguments fit). Stack sizes are powers of two
//! (`stack_min` is rounded up to one) and a grow whose new size would exceed `stack_max` is
//! the overflow error, as in Go: under Go's default limit of 1 000 000 000 bytes the
//! largest stack is 512 MiB. It then copies the live part `[sp, hi)` to the top of the new one, so that
//! every address moves by the same `delta = new.hi - old.hi`, relocates every pointer into
//! the old stack, and restarts the function on the new one:
//!
//! ```text
//!   old stack                     new stack (2x)
//!   +------------------+ hi       +------------------+ hi + delta
//!   | entry trampoline |          | entry trampoline |
//!   | frame of C2      |  copy    | frame of C2      |  saved fp, map slots += delta
//!   | frame of C1      | =======> | frame of C1      |  saved fp, map slots += delta
//!   | frame of C0      |          | frame of C0      |  saved fp, map slots += delta
//!   | F's args, ret    | <- sp    | F's args, ret    | <- restart sp = sp + delta
//!   +------------------+ lo       |                  |
//!                                 |   (free)         |
//!                                 +------------------+ lo' (guard = lo' + reserve)
//! ```
//!
//! **The walk.** Frame 0 is the restarted function's caller C0: its frame pointer is the
//! one the stub saved (`ms_fp`), the return address of its call is F's (at `[sp]` on
//! x86-64, x30 on AArch64) and its SP at the call is F's entry SP (+8 on x86-64). Each
//! frame record holds `[fp]` = the caller's fp and `[fp + 8]` = the return address into
//! the caller, whose SP at that call is `fp + 16`. For every frame the stack map
//! registered for its return address ([`register_stack_maps`]) lists the slots, as
//! offsets from SP at the call, that hold pointers; each is rewritten in the copy. The
//! walk ends at the first frame whose fp does not point into the stack (the entry
//! trampoline's saved fp is on the system stack). It is a chain of dependent loads, so it
//! prefetches two pages above the frame it is at: a deep stack of small frames is walked
//! at about 2 ns a frame (`deep_churn`, 1 000 000 frames: 1% of its run).
//!
//! **Relocation invariants.** (1) Exact, not conservative: only saved frame pointers,
//! stack-map slots, the restarted function's arguments marked in `ms_ptrmask` (in
//! registers or on the stack; a function with more than 64 parameters passes
//! [`PTRMASK_WIDE`] and its pointer parameters are registered by address with
//! [`register_pointer_params`]) and `ms_fp` are rewritten, and each only if it points into
//! the old stack; a value that is not a pointer is never touched, even if it looks like
//! one. (2) At every call site, every pointer into the stack that is live across the call
//! is in a stack-map slot: the code generator declares stack addresses to Cranelift,
//! which spills them there before the call and reloads them after it. (3) No stack
//! address lives in a register across a call (callee-saved registers are not rewritten):
//! relocatable code is compiled so that Cranelift does not keep one there (see the
//! compiler's `codegen::reloc`). (4) Pointers into the stack exist only on the stack and
//! in those registers: never in globals or the heap. (5) The old stack is not used after
//! the move; in the stress mode it stays inaccessible (`PROT_NONE`) until the run ends and
//! its addresses are never given to another stack, so a missed pointer faults (the fault
//! handler reports `fatal error: stale pointer into an old stack`) and never reads a
//! recycled stack.
//!
//! **Safe points and shrinking.** Host calls are safe points too: every frame is stopped
//! at a call with a stack map. The host-call thunk halves the stack there when under a
//! quarter of it is in use (never below `stack_min`), with the same walk starting at the
//! thunk's caller. Stacks left by moves are kept, one per size, and moved into again: a
//! program that grows, shrinks and grows again maps nothing new (no hot split). In the
//! stress mode ([`StackConfig::force_move`]) every host call moves the stack to a fresh
//! stack and every old stack stays inaccessible.
//!
//! **Large moves remap.** A move with at least 256 KiB live (outside the stress mode)
//! does not copy: `mremap` moves the old stack's pages holding the live part to the same
//! offsets from the new top, so the copy's page faults and memory traffic disappear
//! (a 50 000-deep stack of 1 KiB frames grew in 0.11 s instead of 0.06 s for the fixed
//! strategy's page faults alone; `deep_1k`). The relocation walk then runs on the new
//! stack exactly as after a copy. With `MREMAP_DONTUNMAP` the old stack keeps its range
//! (empty pages) and is kept like any other; without it (kernels before 5.7) it is
//! unmapped. When the kernel refuses altogether (an emulator without `MREMAP_FIXED`), the
//! move copies.
//!
//! **Stress-mode stacks** are not mappings of their own (Linux allows a process 65 530
//! mappings, which one mapping per old stack used up after about 65 000 moves). They are
//! carved, at increasing addresses, from *arenas*: large `PROT_NONE`, `MAP_NORESERVE`
//! reservations of address space (256 MiB, then twice the previous one, at most 64 GiB).
//! A new stack is made read-write with one `mprotect`, the page below it staying
//! `PROT_NONE` as its guard page; an old one is replaced by fresh `PROT_NONE` pages
//! (`mmap` with `MAP_FIXED`), which gives its memory and page tables back while keeping its
//! addresses reserved. Adjacent `PROT_NONE` ranges merge into one kernel mapping, so a run
//! uses a few mappings however often it moves, its memory stays that of the current
//! stack, and no address is used twice until the run ends and the arenas are unmapped.
//!
//! # Big locals
//!
//! A declared local variable larger than 10 MiB (Go's `maxStackVarSize`) is not on the
//! stack, as in Go: its function gets memory for it at entry from [`host::heap_local`]
//! (a [`ZeroMap`]: untouched pages cost nothing), zeroes it there again when its
//! declaration runs again ([`ZeroMap::zero`]), and gives it
//! back at every return with [`host::heap_free`]. The run records these mappings and
//! unmaps those left by calls that never returned (a panic, an overflow) when it ends.
//! Pointers into such a local are never relocated (relocation invariant 1 only rewrites
//! values that point into the old stack) and never need to be: the memory does not
//! move. Pointers *into the stack* still never live there (invariant 4: a local holds no
//! pointers, LANGUAGE.md forbids arrays of pointers).
//!
//! # What generated code must do
//!
//! - The entry trampoline ([`EntryFn`], SysV) sets the pinned register to its `ctx`
//!   argument, loads the arguments from `args`, calls the target (Tail) and stores its
//!   results to `results`. It need not save the pinned register: the enter routine does.
//! - Every function not exempted as a small leaf starts with the prologue check and the
//!   cold path described above, storing to the [`offsets`] of the context.
//! - A host call is a SysV `call_indirect` of [`hostcall_thunk`]`()` with the arguments
//!   `(f, a, b, c)`, `f` one of the [`host`] functions ([`HostFn`]); the result comes
//!   back in the SysV return register. (An embedder's own host function may take up to
//!   5 integer and 8 float arguments after the context: see "Host calls" above.)
//! - A run-time error or `panic(v)` is a host call of [`host::panic`] with a
//!   [`panic_code`]; it never returns (generated code may follow it with a trap). Its
//!   operands are in registers or, with [`panic_code::OPERANDS_IN_CONTEXT`], in
//!   [`Context::panic_ops`].
//!
//! # Goroutines
//!
//! **A goroutine is a stack object plus a scheduler entry** (issue 12, M:1). Every
//! goroutine has a run state of its own (`RunState`, with its [`Context`] first), so its
//! own guard, stack bounds and strategy state: its copying stack, its segment chain or its
//! fixed reservation, growing and shrinking by the run's strategy exactly as a
//! single-stack run's does. The stack code does not know about goroutines. The state that
//! [`GrowableStack`] (and [`run`]) owns is the *root*; its goroutine is main's (id 1). A
//! goroutine's state points at the root, which holds what belongs to the whole run: the
//! error that ends it (`abandon` records it there), the output sink and user data (copied
//! into each goroutine's state), the system stack (every goroutine's `sys_sp` is the
//! root's), the statistics, the scheduler and the stack pool.
//!
//! **Switching.** A host function that must block (a channel operation) or yield
//! (`Gosched`, a preemption) never switches stacks itself: it picks the next goroutine,
//! records it in its state's `sw_next` and returns normally. The host-call thunks, back
//! on the program stack, test `sw_next` (one load and one branch on their return path:
//! the only cost single-stack runs pay) and, when it is set, jump to the arch `gswitch`,
//! which saves the running goroutine's callee-saved registers, SP and return address
//! into its state (`sw_regs`), loads the next goroutine's state into the pinned
//! register and resumes it (`gresume`): its own pending host call returns, with the
//! results the scheduler left in `sw_ret` (the value a sender handed it, a select's
//! case). No system call, no signal mask, no Rust frame is involved. A new goroutine is
//! resumed into `gstart`, which calls its entry trampoline ([`EntryFn`]) at the top of
//! its stack and, when that returns, calls the scheduler (`rt_goexit`, on the system
//! stack) to free it and resumes the next goroutine.
//!
//! The invariants:
//!
//! 1. *One goroutine runs at a time* on the run's thread; the pinned register holds its
//!    context. A parked goroutine's registers are in its state, never on a stack:
//!    switching writes nothing below any SP (stack ABI invariant 3: the reserve may be
//!    16 bytes).
//! 2. *Switches happen only on the way back from a host call, and at a goroutine's
//!    exit*, so the system stack is empty at every switch (host functions return before
//!    it) and one system stack serves every goroutine. Every frame of a parked goroutine
//!    is stopped at a call with a stack map, as at any host call.
//! 3. *A parked goroutine's stack does not move.* Growth, shrinking and forced moves
//!    happen while the goroutine runs (in morestack, or at the thunk's entry, before its
//!    host function can park it), so the frame pointer it parked with (rbp / x29, in
//!    `sw_regs`) stays right. Stacks shrink at host calls, so a goroutine that parks in
//!    a channel operation with most of its stack unused has been halved there (copying).
//! 4. *Pointers into a goroutine's stack exist only on that stack* (relocation invariant
//!    4): channels carry 8-byte values, `go_spawn` and `select` copy the blocks they are
//!    given before they return. Channels and goroutine records live on the heap, owned by
//!    the scheduler until the call ends.
//! 5. *No goroutine costs a kernel mapping or a guard page* (Linux allows 65 530
//!    mappings): goroutine stacks are carved from the root's stack pool, large
//!    read-write `MAP_NORESERVE` chunks, by exact size, and reused (Go's stack pool);
//!    stack ABI invariants 1-3 (the prologue check and its reserve), not guard pages,
//!    keep code inside them. The copying strategy's grown stacks and the segmented
//!    strategy's later segments come from the pool too; a fixed goroutine's stack is a
//!    `stack_max` carve (when address space runs out, `go` ends the run with
//!    [`RunError::Setup`]). In the stress mode a goroutine's stacks come from the root's
//!    arenas instead, shared by every goroutine, so that no address is reused while the
//!    run lasts and every old stack stays inaccessible (relocation invariant 5); they
//!    have no guard pages either, and first stacks and moved stacks come from separate
//!    arenas, so goroutines started or parked one after another share a kernel mapping,
//!    but a live stack between retired ones is two mappings: about 30 000 goroutines that
//!    each moved before they parked exhaust Linux's default limit (a [`RunError::Setup`],
//!    not a crash; `ci/test.sh` raises `vm.max_map_count` for `go_spawn`). A goroutine's
//!    copying stack starts at [`GOROUTINE_STACK_MIN`] (1 KiB; `stack_min` if smaller),
//!    the main goroutine's at `stack_min`. Besides its stack, a goroutine costs its run
//!    state (about 1.2 KB on x86-64: the root-only parts are boxed apart, and a dead
//!    goroutine's state is reused by the next `go`) and its scheduler record; a plain
//!    send or receive parks without allocating. Measured with `go_million.go` on
//!    x86-64: about 2.4 KB per parked goroutine, Go's 2.7 KB.
//! 6. *The run ends* when main's entry trampoline returns (the enter routine returns; the
//!    other goroutines are abandoned and freed with their stacks and the channels), when
//!    any goroutine panics, overflows, traps or fails a host call (the root's abort
//!    routine, as without goroutines), or when a goroutine blocks or exits with none
//!    runnable: `fatal error: all goroutines are asleep - deadlock!`
//!    ([`RunError::Fatal`]; exit status 2 in the CLI, as Go's).
//! 7. *The signal handler sees the running goroutine*: the root's `cur` names its state
//!    (written by the scheduler before every switch), whose table of stack ranges and
//!    guard classify a fault, together with the root's table (the stress mode's arenas).
//!
//! **Preemption** (Go's `stackguard0`): while a run has goroutines, a timer thread
//! poisons the running goroutine's guard every 10 ms (one store of
//! `0xffff_ffff_ffff_fade`, above every stack pointer; no signal). Its next prologue
//! check fails; morestack recognises the poison (the stub skips its segmented fast
//! path), restores the real guard and, when another goroutine is runnable, parks the
//! goroutine with the restart's registers (integers in `ms_regs`, floats and vectors in
//! `pre_v`; on x86-64 the resume address is stored in the 8 bytes below `ms_sp`, where
//! the function's frame record would go, which the reserve covers) and switches; it
//! resumes by restarting the function. A loop without calls is not preemptible. The
//! timer writes only under a lock that the scheduler takes to retarget it at every
//! switch, before a dead goroutine's state is freed. Every strategy code path that
//! reads the guard tolerates the poison: a poisoned guard saved in a segment's record
//! comes back at lessstack and preempts then, and `real_guard` recomputes the real one
//! from the strategy's state.
//!
//! **Statistics** ([`RunStats::goroutines`], printed by `--stats`): goroutines created,
//! the most alive at once, switches, preemptions, the most bytes of pooled goroutine
//! stacks in use at once, channels made. The goroutines' morestack and host calls and
//! their copying moves are added to the run's counters when they die.
//!
//! **Scheduling** is FIFO: a woken or spawned goroutine goes to the end of the run queue;
//! a blocking operation switches to its head. The scheduler (`sched.rs`) is plain Rust
//! over plain data called by host functions; an M:N scheduler would replace it (and lock
//! the run queue and channels), not the stack code or the switch.
//!
//! **The host-function ABI** ([`host`]; every function takes the context first, as all
//! host functions do; integers are `i64`, channel elements 8-byte words, a channel is a
//! nonzero handle and 0 is the nil channel; `Pair` results come back in rax:rdx /
//! x0:x1). Functions marked *switches* may park the caller and run other goroutines
//! before they return:
//!
//! | function | arguments | result | |
//! |---|---|---|---|
//! | [`host::chan_make`] | `cap` | handle; `cap < 0` panics `makechan: size out of range` | |
//! | [`host::chan_send`] | `ch, v` | 0; closed: panics `send on closed channel` | switches |
//! | [`host::chan_recv`] | `ch` | `Pair(v, ok)`; closed and drained: `(0, 0)` | switches |
//! | [`host::chan_close`] | `ch` | 0; panics on nil or closed; wakes every waiter | |
//! | [`host::chan_len`], [`host::chan_cap`] | `ch` | `len(ch)`, `cap(ch)` | |
//! | [`host::select`] | `cases, n, has_default` | `Pair(2 * i + ok, v)`, default `Pair(-2, 0)` | switches |
//! | [`host::go_spawn`] | `entry, args, nwords` | the new goroutine's id | |
//! | [`host::gosched`] | | 0 | switches |
//! | [`host::num_goroutine`] | | goroutines alive | |
//!
//! All go through [`hostcall_thunk`] except the two that take a block of memory in the
//! caller's frame (`select`'s cases, `go_spawn`'s arguments): those go through
//! [`hostcall_thunk_in_place`], which does not move the stack before the call (both
//! thunks switch). `go f(a, b)` needs an entry trampoline for `f` ([`EntryFn`], the one
//! [`run`] takes; one per function started with `go`): `go_spawn` copies `nwords` words
//! from `args` (laid out as that trampoline reads them) and the new goroutine calls
//! `entry(ctx, copy, results)`, where `results` is a scratch buffer of
//! [`host::GO_RESULT_WORDS`] words (results of a goroutine are discarded). A nil
//! channel blocks for ever; a closed channel wakes every receiver with `(0, false)` and
//! makes every blocked sender panic when it runs again (Go's order). `select` reads
//! [`host::SelectCase`]s (`kind` [`host::SELECT_RECV`] or [`host::SELECT_SEND`], the
//! channel, the value to send) and picks uniformly at random among ready cases; a
//! blocking select waits on every channel at once.
//!
//! # Threads
//!
//! Every call to [`run`] has its own context and program stack, so any number of threads
//! may run programs at once. A host function must not call [`run`] recursively. A thread
//! runs at most one program at a time, but over its life it runs on many stacks: the
//! stacks of successive runs, and within one run several at once (the segments of a
//! chain, a copying stack and its spares, the stress mode's arenas). Each run records
//! all of its stacks in a table of its own (its *ranges*), which only its thread writes
//! and which the signal handler reads on that same thread (a fault is delivered to the
//! thread that caused it), so no lock is needed. A thread-local marks the thread as
//! running a program and points at the run's state; it is cleared when `run` returns.
//! A fault on one thread in another thread's stack is therefore not recognised as the
//! runtime's: it goes to the previous handler like any other fault of a thread that runs
//! no program.
//!
//! The trap registry ([`register_traps`]) is process-wide: code compiled once may run on
//! any thread.
//!
//! # Signals
//!
//! A signal can arrive while generated code runs on a program stack, which has only its
//! reserve free below the stack pointer: far too little for the kernel's signal frame
//! (about 1 KB, 3 KB with AVX-512) and a handler. So, as Go does:
//!
//! - Every thread running a program has an **alternate signal stack** of at least 64 KiB
//!   (four times the kernel's `AT_MINSIGSTKSZ` if that is more); the thread's first call
//!   ([`run`], [`GrowableStack::call`]) gives it one, or a bigger one than it had, and it
//!   is freed when the thread exits. Later calls on the same thread do not check again
//!   (a `sigaltstack` per call cost more than the call): an embedder must not replace it
//!   by a smaller one.
//! - Every **signal handler must be installed with `SA_ONSTACK`**, so that it runs there.
//!   When the first program of the process runs, [`install_signal_handlers`] adds
//!   `SA_ONSTACK` to every handler installed until then ([`fix_signal_handlers`], Go's
//!   `setsigstack`). **A handler installed after the first run must use `SA_ONSTACK`, or
//!   the embedder must call [`fix_signal_handlers`] after installing it.** Otherwise a
//!   signal that lands on a program stack ends the process (`fatal error: could not push
//!   a signal frame`, or a hit on the stack's guard page).
//!
//! **The runtime's handler** is installed for SIGSEGV, SIGBUS, SIGILL, SIGFPE and
//! SIGTRAP exactly once per process, by the first [`run`] (a `std::sync::Once`): for
//! each signal it first stores the action installed until then (the *previous* action)
//! and only then installs itself, so it never finds an unset previous action. It plays
//! well in a host process: it takes only the signals it owns and passes everything else
//! on to the previous action.
//!
//! - **Owned faults** (SIGSEGV/SIGBUS on a thread running a program): a hit on the guard
//!   page of the current stack or of any other stack of the run (older and kept
//!   segments, spare copying stacks), a stale pointer into an old stack of the stress
//!   mode, a signal frame the kernel could not push onto a program stack. These are
//!   runtime bugs: the handler reports them on stderr and exits with status 2.
//! - **Traps**: a SIGILL, SIGFPE or SIGTRAP (or an unowned SIGSEGV/SIGBUS) raised by an
//!   instruction registered with [`register_traps`] (Cranelift's `ud2` / `udf`, the
//!   x86-64 `div` that faults on a zero divisor), on a thread running a program, with
//!   the stack pointer on one of the run's stacks, ends that run: the handler stores the
//!   trap code in the run's state and rewrites the signal's context so that the thread
//!   resumes in the arch *abort* routine (on the system stack), which makes [`run`]
//!   return [`RunError::Trap`]. The process and the thread go on; the next run on the
//!   thread starts afresh. The registry is read in the handler without locks or
//!   allocation (an immutable table behind an atomic pointer, freed only after every
//!   handler that may read it has left; see `traps.rs`).
//! - **Everything else** goes to the previous action: faults in host functions and in
//!   Rust code (a host function may use `mprotect` tricks of its own, and Rust's std
//!   reports a thread's stack overflow this way), faults on threads that run no program,
//!   unregistered traps, signals sent with `kill`. A previous handler is called as the
//!   kernel would have called it: with one or three arguments (`SA_SIGINFO`), with its
//!   `sa_mask` (and the signal, unless `SA_NODEFER`) blocked, after resetting the action
//!   to the default if it has `SA_RESETHAND`; if it returns, the interrupted code goes
//!   on with the context it left. A previous `SIG_DFL` (or a `SIG_IGN`, which the kernel
//!   does not honour for faults) is restored and the handler returns, so the faulting
//!   instruction runs again and the process dies of the signal, as it would have
//!   without the runtime (a signal that would not come back by itself, such as one sent
//!   with `kill`, is raised again).
//!
//! A handler that the embedder installs for these signals *after* the first run
//! replaces the runtime's: it must chain to it (the action it replaced) for the signals
//! it does not handle, or guard-page hits and traps are no longer seen.

#![warn(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]

use std::fmt;
use std::io::Write;

pub mod aot;
mod arch;
mod arena;
mod copying;
mod host_impl;
mod pool;
mod ranges;
mod sched;
mod segmented;
mod signal;
mod stack;
mod stackmap;
mod state;
#[cfg(test)]
mod tests;
mod traps;
mod zeromap;

pub use sched::goroutine_id;
pub use signal::{fix_signal_handlers, install_signal_handlers};
pub use stackmap::{
    register_pointer_params, register_stack_maps, unregister_pointer_params, unregister_stack_maps,
    PTRMASK_WIDE,
};
pub use traps::{register_traps, unregister_traps};
pub use zeromap::ZeroMap;

/// Default [`StackConfig::reserve`]: for code whose pre-check depth is not known (see the
/// stack ABI in the crate docs). The compiler sets the reserve of each program it runs
/// to that program's largest pre-check depth instead.
pub const DEFAULT_RESERVE: usize = 512;

/// Largest accepted [`StackConfig::reserve`]: the compiler gives any function deeper than
/// this a checking entry, so no program needs more.
pub const MAX_RESERVE: usize = 1024;

/// Smallest accepted [`StackConfig::reserve`]: a frame record (the return address and the
/// saved frame pointer) must always fit.
pub const MIN_RESERVE: usize = 16;

/// Smallest accepted [`StackConfig::stack_max`] (4 KiB).
pub const MIN_STACK_MAX: usize = 4 << 10;

/// Default [`StackConfig::stack_min`]: the first segment (segmented) or the first stack
/// (copying) is 8 KiB, as in Go 1.2.
pub const DEFAULT_STACK_MIN: usize = 8 << 10;

/// Smallest accepted [`StackConfig::stack_min`] (2 KiB).
pub const MIN_STACK_MIN: usize = 2 << 10;

/// The first size of a goroutine's stack under the copying strategy (at least twice the
/// reserve; [`StackConfig::stack_min`] when that is smaller): a parked goroutine that
/// never grew costs 1 KiB of stack, half of Go's `_StackMin`. Go needs 2 KiB because
/// its runtime's `NOSPLIT` functions run on the goroutine's stack within a fixed
/// 928-byte guard; here host functions and the morestack decision run on the system
/// stack, and the reserve is the program's own (a few hundred bytes at most), so 1 KiB
/// holds a few frames and grows by copying like any other size. The main goroutine's
/// stack starts at `stack_min`.
pub const GOROUTINE_STACK_MIN: usize = 1 << 10;

/// Largest accepted [`StackConfig::stack_max`] (64 GiB; the reservation also has to
/// succeed).
pub const MAX_STACK_MAX: usize = 64 << 30;

/// Per-goroutine context (per run without goroutines). Generated code keeps its address in
/// Cranelift's pinned register (r15 on x86-64, x21 on AArch64). See the stack ABI in the
/// crate docs.
///
/// A context created by [`run`] is embedded at offset 0 of the runtime's private run
/// state; host functions and the stubs rely on that, so only such contexts may be passed
/// to them. A free-standing `Context` (e.g. guard 0 to run code directly on the current
/// stack in a test) may be used with code that never calls into the runtime.
#[repr(C)]
#[derive(Debug, Default)]
pub struct Context {
    /// Offset 0: the stack guard. The prologue of every generated function takes the cold
    /// path when `sp < stack_guard`.
    pub stack_guard: usize,
    /// Offset 8: address of the morestack stub. The cold block does
    /// `return_call_indirect` to it with the function's own signature.
    pub morestack: usize,
    /// Offset 16: written by the cold block: address of the function to restart.
    pub ms_func: usize,
    /// Offset 24: written by the cold block: bytes of stack the function needs
    /// (`fp - sp + frame record`, measured in the cold block).
    pub ms_frame: usize,
    /// Offset 32: written by the cold block: bytes of stack-passed arguments.
    pub ms_argbytes: usize,
    /// Offset 40: written by the cold block: bit i set when argument i is a pointer
    /// ([`PTRMASK_WIDE`] for a function with more than 64 parameters).
    pub ms_ptrmask: usize,
    /// Offsets 48 and 56: the operands of a panic (an index and a length, a string's
    /// address and length), written by generated code before it calls
    /// [`host::panic`](crate::host) with [`panic_code::OPERANDS_IN_CONTEXT`]. Passing
    /// them through memory keeps the cold block
    /// from asking for a value in a fixed argument register: such a request, on an index
    /// a loop keeps in a register, made the register allocator move the index between
    /// registers on every iteration to meet it.
    pub panic_ops: [i64; 2],
}

/// Byte offsets of the [`Context`] fields that generated code reads or writes.
pub mod offsets {
    /// [`super::Context::stack_guard`].
    pub const STACK_GUARD: i32 = 0;
    /// [`super::Context::morestack`].
    pub const MORESTACK: i32 = 8;
    /// [`super::Context::ms_func`].
    pub const MS_FUNC: i32 = 16;
    /// [`super::Context::ms_frame`].
    pub const MS_FRAME: i32 = 24;
    /// [`super::Context::ms_argbytes`].
    pub const MS_ARGBYTES: i32 = 32;
    /// [`super::Context::ms_ptrmask`].
    pub const MS_PTRMASK: i32 = 40;
    /// [`super::Context::panic_ops`]: the first operand; the second follows at `+ 8`.
    pub const PANIC_OPS: i32 = 48;
}

const _: () = {
    use std::mem::offset_of;
    assert!(offset_of!(Context, stack_guard) == offsets::STACK_GUARD as usize);
    assert!(offset_of!(Context, morestack) == offsets::MORESTACK as usize);
    assert!(offset_of!(Context, ms_func) == offsets::MS_FUNC as usize);
    assert!(offset_of!(Context, ms_frame) == offsets::MS_FRAME as usize);
    assert!(offset_of!(Context, ms_argbytes) == offsets::MS_ARGBYTES as usize);
    assert!(offset_of!(Context, ms_ptrmask) == offsets::MS_PTRMASK as usize);
    assert!(offset_of!(Context, panic_ops) == offsets::PANIC_OPS as usize);
};

/// The entry trampoline the compiler generates for a function it wants to run: a SysV
/// (`extern "C"`) function that sets the pinned register to `ctx`, loads the target's
/// integer arguments from `args`, calls the target (Tail convention) and stores its
/// results into `results`. The runtime calls it on the program's stack, with SP 16-byte
/// aligned before the call.
pub type EntryFn = unsafe extern "C" fn(ctx: *mut Context, args: *const i64, results: *mut i64);

/// A host function: runs on the thread's system stack, called through the host-call thunk
/// ([`hostcall_thunk`]), which passes the context taken from the pinned register. (The
/// thunk also calls other signatures: see "Host calls" in the crate docs.)
pub type HostFn = unsafe extern "C" fn(ctx: *mut Context, a: i64, b: i64, c: i64) -> i64;

/// Which stack strategy to run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Strategy {
    /// One large reservation; reaching its guard is a stack overflow.
    Fixed,
    /// A chain of segments (see "Segmented stacks" in the crate docs): morestack links a
    /// new segment, lessstack returns through it.
    Segmented,
    /// One contiguous stack that morestack copies into one twice as large, relocating
    /// every pointer into it (see "Stack copying" in the crate docs). The default, as
    /// in Go.
    #[default]
    Copying,
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Strategy::Fixed => f.write_str("fixed"),
            Strategy::Segmented => f.write_str("segmented"),
            Strategy::Copying => f.write_str("copying"),
        }
    }
}

/// What the segmented strategy does with a segment that lessstack has left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SegmentCache {
    /// Free it at once (the textbook behaviour, and the worst case of the hot split).
    None,
    /// Keep it linked after the current one and reuse it at the next split if it is big
    /// enough (the default). Kept segments are freed when the run ends.
    #[default]
    Keep,
}

impl fmt::Display for SegmentCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SegmentCache::None => f.write_str("none"),
            SegmentCache::Keep => f.write_str("keep"),
        }
    }
}

/// How to set up the program's stack.
#[derive(Clone, Debug)]
pub struct StackConfig {
    /// The strategy.
    pub strategy: Strategy,
    /// Maximum stack size in bytes (the fixed strategy reserves this much, rounded up to
    /// whole pages; the segmented strategy limits the total size of the segments in the
    /// chain to it). Must lie in [`MIN_STACK_MAX`]`..=`[`MAX_STACK_MAX`].
    pub stack_max: usize,
    /// Size of the first segment and of every ordinary later one (segmented strategy;
    /// rounded up to 16 bytes; a frame that does not fit gets a bigger segment), or of the
    /// first stack (copying strategy; rounded up to a power of two, which must not exceed
    /// `stack_max`). Must lie in [`MIN_STACK_MIN`]`..=stack_max`. Ignored by the fixed
    /// strategy.
    pub stack_min: usize,
    /// What to do with segments that lessstack leaves (segmented strategy).
    pub segment_cache: SegmentCache,
    /// Copying strategy, stress mode: also move the stack (to a fresh stack of the same
    /// size, at addresses never used before in the run) at every host call, and leave
    /// every old stack inaccessible until the run ends, so that any pointer the relocation
    /// missed faults at once. Runs for ever: see "Stress-mode stacks" in the crate docs.
    pub force_move: bool,
    /// Record the stack's size over time ([`RunStats::trace`]): every split and unsplit
    /// (segmented; the fast paths are then off) and every move (copying).
    pub trace: bool,
    /// The *reserve*: bytes between the lowest usable byte of every stack (segment) and
    /// its guard, rounded up to 16. It must be at least the largest *pre-check depth* of
    /// the code that runs (what a function writes below its caller's SP before its check
    /// passes: see the stack ABI in the crate docs). Within
    /// [`MIN_RESERVE`]`..=`[`MAX_RESERVE`]; default [`DEFAULT_RESERVE`]. The compiler's
    /// run methods (`morestack::Compiled`) set it to the program's own depth.
    pub reserve: usize,
}

impl StackConfig {
    /// The fixed strategy with a `stack_max`-byte stack (other fields default).
    pub fn fixed(stack_max: usize) -> Self {
        StackConfig {
            strategy: Strategy::Fixed,
            stack_max,
            ..StackConfig::default()
        }
    }

    /// The segmented strategy with first segments of `stack_min` bytes, the given cache
    /// policy and `stack_max` bytes in all.
    pub fn segmented(stack_min: usize, cache: SegmentCache, stack_max: usize) -> Self {
        StackConfig {
            strategy: Strategy::Segmented,
            stack_max,
            stack_min,
            segment_cache: cache,
            force_move: false,
            trace: false,
            reserve: DEFAULT_RESERVE,
        }
    }

    /// The copying strategy with a first stack of `stack_min` bytes, growing up to
    /// `stack_max`; `force_move` for the stress mode.
    pub fn copying(stack_min: usize, stack_max: usize, force_move: bool) -> Self {
        StackConfig {
            strategy: Strategy::Copying,
            stack_max,
            stack_min,
            segment_cache: SegmentCache::Keep,
            force_move,
            trace: false,
            reserve: DEFAULT_RESERVE,
        }
    }

    /// Checks that the configuration is usable: `stack_max` within
    /// [`MIN_STACK_MAX`]`..=`[`MAX_STACK_MAX`], and for the segmented strategy
    /// `stack_min` within [`MIN_STACK_MIN`]`..=stack_max`. [`run`] calls this first and
    /// reports a failure as [`RunError::Setup`].
    pub fn validate(&self) -> Result<(), String> {
        if self.stack_max < MIN_STACK_MAX {
            return Err(format!(
                "stack_max {} is below the minimum of {MIN_STACK_MAX} bytes",
                self.stack_max
            ));
        }
        if self.stack_max > MAX_STACK_MAX {
            return Err(format!(
                "stack_max {} is above the maximum of {MAX_STACK_MAX} bytes",
                self.stack_max
            ));
        }
        if !(MIN_RESERVE..=MAX_RESERVE).contains(&self.reserve) {
            return Err(format!(
                "reserve {} is outside {MIN_RESERVE}..={MAX_RESERVE} bytes",
                self.reserve
            ));
        }
        if self.strategy != Strategy::Fixed {
            if self.stack_min < MIN_STACK_MIN {
                return Err(format!(
                    "stack_min {} is below the minimum of {MIN_STACK_MIN} bytes",
                    self.stack_min
                ));
            }
            if self.stack_min > self.stack_max {
                return Err(format!(
                    "stack_min {} is above stack_max {}",
                    self.stack_min, self.stack_max
                ));
            }
        }
        if self.strategy == Strategy::Copying && self.stack_min.next_power_of_two() > self.stack_max
        {
            return Err(format!(
                "stack_min {} rounded up to a power of two ({}) is above stack_max {}",
                self.stack_min,
                self.stack_min.next_power_of_two(),
                self.stack_max
            ));
        }
        Ok(())
    }
}

impl Default for StackConfig {
    /// The copying strategy (as in Go) starting at [`DEFAULT_STACK_MIN`], with Go's
    /// default 64-bit maximum of 1 000 000 000 bytes ([`SegmentCache::Keep`] for the
    /// segmented strategy).
    fn default() -> Self {
        StackConfig {
            strategy: Strategy::Copying,
            stack_max: 1_000_000_000,
            stack_min: DEFAULT_STACK_MIN,
            segment_cache: SegmentCache::Keep,
            force_move: false,
            trace: false,
            reserve: DEFAULT_RESERVE,
        }
    }
}

/// Why a run ended early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// A Go panic; the text after `panic: ` (e.g. `runtime error: integer divide by zero`).
    Panic(String),
    /// The stack would have grown past `limit` bytes.
    StackOverflow {
        /// The configured maximum.
        limit: usize,
    },
    /// The run could not start or continue for a reason outside the program: an invalid
    /// [`StackConfig`], or memory for a stack that could not be mapped.
    Setup(String),
    /// A host function failed with [`host_fail`]; its error is returned by
    /// [`GrowableStack::take_host_error`].
    Host,
    /// A fatal error of Go's runtime that is not a panic; the text after `fatal error: `
    /// (`all goroutines are asleep - deadlock!`).
    Fatal(String),
    /// Generated code executed a trap instruction registered with [`register_traps`]
    /// (Cranelift's `trap`/`trapz`/`trapnz`, or a division it lets the hardware check).
    Trap {
        /// Cranelift's raw trap code (`TrapCode::as_raw().get()`).
        code: u8,
    },
}

impl RunError {
    /// What Go prints on stderr for this error (the first lines exactly as Go prints
    /// them; exit status 2 in both cases):
    ///
    /// - `Panic(t)`: `panic: t`, then `\ngoroutine 1 [running]:\nmain.main()\n\t?\n`
    ///   (Go's trace, abbreviated).
    /// - `StackOverflow { limit }`: `runtime: goroutine stack exceeds <limit>-byte
    ///   limit` and `fatal error: stack overflow`.
    /// - `Setup(t)`: `morestack: t` (not a Go error; the CLI exits with status 2 too).
    /// - `Fatal(t)`: `fatal error: t` (e.g. `all goroutines are asleep - deadlock!`).
    /// - `Trap { code }`: `morestack: trap <code>` (not a Go error either: the compiler
    ///   checks every run-time error explicitly, so a trap is a compiler bug).
    pub fn go_message(&self) -> String {
        match self {
            RunError::Panic(t) => {
                format!("panic: {t}\n\ngoroutine 1 [running]:\nmain.main()\n\t?\n")
            }
            RunError::StackOverflow { limit } => format!(
                "runtime: goroutine stack exceeds {limit}-byte limit\nfatal error: stack overflow\n"
            ),
            RunError::Setup(t) => format!("morestack: {t}\n"),
            RunError::Fatal(t) => format!("fatal error: {t}\n"),
            RunError::Host => "morestack: a host function failed\n".to_string(),
            RunError::Trap { code } => format!("morestack: trap {code}\n"),
        }
    }
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Panic(t) => write!(f, "panic: {t}"),
            RunError::StackOverflow { limit } => {
                write!(
                    f,
                    "stack overflow: goroutine stack exceeds {limit}-byte limit"
                )
            }
            RunError::Setup(t) => write!(f, "morestack: {t}"),
            RunError::Fatal(t) => write!(f, "fatal error: {t}"),
            RunError::Host => write!(f, "a host function failed"),
            RunError::Trap { code } => write!(f, "morestack: trap {code}"),
        }
    }
}

impl std::error::Error for RunError {}

/// Codes passed as `a` to [`host::panic`].
pub mod panic_code {
    /// `runtime error: integer divide by zero`.
    pub const DIVIDE: i64 = 1;
    /// `runtime error: index out of range [b] with length c` (or `[b]` when b < 0).
    pub const INDEX: i64 = 2;
    /// `runtime error: negative shift amount`.
    pub const NEGATIVE_SHIFT: i64 = 3;
    /// `runtime error: invalid memory address or nil pointer dereference`.
    pub const NIL: i64 = 4;
    /// `panic(b)` with an int value.
    pub const INT: i64 = 5;
    /// `panic(b)` with a bool value.
    pub const BOOL: i64 = 6;
    /// `panic("...")`: b is the address of the bytes, c their length.
    pub const STR: i64 = 7;
    /// Added to a code: the operands are not `b` and `c` but
    /// [`Context::panic_ops`](crate::Context::panic_ops), which the caller wrote (what
    /// generated code does; see there why).
    pub const OPERANDS_IN_CONTEXT: i64 = 1 << 8;
}

/// Host functions, called by generated code through [`hostcall_thunk`] (so they run on
/// the system stack). Print functions write to the run's output sink.
///
/// Each takes the context of a run in progress (the thunk passes the pinned register) and
/// three integer arguments; the result is 0 unless stated.
pub mod host {
    pub use crate::host_impl::{heap_free, heap_local, panic, print_bool, print_int, print_str};
    pub use crate::sched::{
        chan_cap, chan_close, chan_len, chan_make, chan_recv, chan_send, go_spawn, gosched,
        num_goroutine, select, Pair, SelectCase, GO_RESULT_WORDS, SELECT_RECV, SELECT_SEND,
    };

    /// Number of entries of [`table`].
    pub const TABLE_LEN: usize = 16;

    /// The addresses generated code calls, in the one order both the code generator and
    /// an ahead-of-time program's start-up agree on (an ahead-of-time program loads them
    /// from a table filled with this at start-up instead of embedding them): the two
    /// thunks ([`hostcall_thunk`](crate::hostcall_thunk),
    /// [`hostcall_thunk_in_place`](crate::hostcall_thunk_in_place)), `print_int`,
    /// `print_bool`, `print_str`, `panic`, `heap_local`, `heap_free`, `chan_make`,
    /// `chan_send`, `chan_recv`, `chan_close`, `select`, `go_spawn`, `gosched`,
    /// `num_goroutine`.
    pub fn table() -> [usize; TABLE_LEN] {
        [
            crate::hostcall_thunk(),
            crate::hostcall_thunk_in_place(),
            print_int as *const () as usize,
            print_bool as *const () as usize,
            print_str as *const () as usize,
            panic as *const () as usize,
            heap_local as *const () as usize,
            heap_free as *const () as usize,
            chan_make as *const () as usize,
            chan_send as *const () as usize,
            chan_recv as *const () as usize,
            chan_close as *const () as usize,
            select as *const () as usize,
            go_spawn as *const () as usize,
            gosched as *const () as usize,
            num_goroutine as *const () as usize,
        ]
    }
}

/// Address of the host-call thunk, a SysV function `thunk(f: HostFn, a, b, c) -> i64`
/// that switches from the program's stack to the thread's system stack (found through
/// the pinned register), calls `f(ctx, a, b, c)` there, switches back and returns its
/// result. Generated code calls it with a SysV `call_indirect`.
///
/// More generally `thunk(f, ...)` calls `f` with only its first argument replaced by the
/// context: every other SysV argument register (x86-64: rsi, rdx, rcx, r8, r9,
/// xmm0-xmm7; AArch64: x1..x7, v0-v7) reaches `f` unchanged and every return register
/// (x86-64: rax, rdx, xmm0, xmm1; AArch64: x0, x1, v0-v3) comes back as `f` set it. So
/// `f` may be any non-variadic `extern "C" fn(ctx: *mut Context, up to 5 more integer
/// arguments, up to 8 float arguments) -> i64, f64 or (i64, i64)`, called with the same
/// arguments without `ctx`; no argument may be passed on the stack.
///
/// With goroutines, the call may return only after other goroutines ran: when `f`
/// parks the caller (a blocking channel operation, `Gosched`), the thunk switches to
/// the next goroutine on its way back (see "Goroutines" in the crate docs).
pub fn hostcall_thunk() -> usize {
    arch::hostcall_thunk as *const () as usize
}

/// Address of the in-place host-call thunk: as [`hostcall_thunk`], with the same
/// register contract, but it never shrinks or moves a copying stack before calling `f`,
/// so `f` may be passed addresses into the program stack and read through them (they
/// stay valid until `f` returns). For host calls with their arguments in memory: see
/// "Host calls" in the crate docs.
pub fn hostcall_thunk_in_place() -> usize {
    arch::hostcall_thunk_in_place as *const () as usize
}

/// Address of the morestack stub (what [`run`] stores in [`Context::morestack`]).
pub fn morestack_stub() -> usize {
    arch::morestack_stub as *const () as usize
}

/// What the runtime did during a run (printed by `--stats`).
#[derive(Clone, Debug, Default)]
pub struct RunStats {
    /// The stack strategy.
    pub strategy: Strategy,
    /// Fixed: bytes reserved for the program's stack (address space, not memory).
    /// Segmented: the largest total size of the segments mapped at once (in the chain
    /// and kept for reuse).
    pub stack_reserved: usize,
    /// Fixed: the deepest stack use seen (bytes from the top of the program stack,
    /// counting every page the program touched). Segmented: the largest total size of
    /// the segments in the chain at once.
    pub peak_stack: usize,
    /// Calls of the morestack stub.
    pub morestack_calls: u64,
    /// Calls through the host-call thunk.
    pub host_calls: u64,
    /// The reserve the run used ([`StackConfig::reserve`], rounded up to 16).
    pub reserve: usize,
    /// Segmented: what the segments did.
    pub segments: Option<SegmentStats>,
    /// Copying: what the moves did.
    pub copying: Option<CopyStats>,
    /// What the goroutines did (`None` when the program started none). The counters
    /// above (morestack and host calls, the copying strategy's moves) include the
    /// goroutines' own; the stack sizes above are main's.
    pub goroutines: Option<GoStats>,
    /// With [`StackConfig::trace`]: `(nanoseconds since the run started, stack bytes)` at
    /// the start and after every change of the stack's size (segmented: the chain's total;
    /// copying: the stack's size).
    pub trace: Vec<(u64, usize)>,
}

/// What the copying strategy did (see [`RunStats::copying`]).
#[derive(Clone, Debug, Default)]
pub struct CopyStats {
    /// Size of the first stack ([`StackConfig::stack_min`] rounded up to 16).
    pub initial_size: usize,
    /// Whether the stress mode was on.
    pub force_move: bool,
    /// Moves of the stack (growths, shrinks and forced moves), every goroutine's stack
    /// counted (as are the figures below).
    pub moves: u64,
    /// Moves that grew the stack.
    pub grows: u64,
    /// Moves that halved the stack (at a host call, when under a quarter was in use).
    pub shrinks: u64,
    /// Bytes of live stack copied, over all moves.
    pub bytes_copied: u64,
    /// Bytes of live stack moved by remapping their pages instead of copying them (moves
    /// of at least 256 KiB; see "Large moves remap" in the crate docs), over all moves.
    pub bytes_remapped: u64,
    /// Frames walked while relocating, over all moves.
    pub frames_walked: u64,
    /// Pointers rewritten (saved frame pointers, stack-map slots, arguments), over all
    /// moves.
    pub pointers_adjusted: u64,
    /// Largest stack size reached (by any goroutine's stack).
    pub peak_size: usize,
    /// Moves that reused a stack kept from an earlier shrink instead of mapping one.
    pub reused: u64,
}

/// What the goroutines did (see [`RunStats::goroutines`] and "Goroutines" in the crate
/// docs), over all calls of a [`GrowableStack`].
#[derive(Clone, Debug, Default)]
pub struct GoStats {
    /// Goroutines started with [`host::go_spawn`] (main's not counted).
    pub created: u64,
    /// The most goroutines alive at once, main's included.
    pub peak_alive: u64,
    /// Switches from one goroutine to another (blocking channel operations, `Gosched`,
    /// preemptions, goroutine exits).
    pub switches: u64,
    /// Preemptions: a goroutine's prologue check found the guard poisoned by the
    /// preemption timer and it yielded.
    pub preemptions: u64,
    /// The most bytes of goroutine stacks in use at once (stacks carved from the run's
    /// pool: every goroutine's first stack and, copying, the stacks it grew into;
    /// main's stack and the stress mode's arena stacks are not counted).
    pub peak_stack_bytes: usize,
    /// Channels made.
    pub channels: u64,
}

/// What the segmented strategy did (see [`RunStats::segments`]).
#[derive(Clone, Debug, Default)]
pub struct SegmentStats {
    /// Size of an ordinary segment ([`StackConfig::stack_min`] rounded up to 16).
    pub segment_size: usize,
    /// The cache policy.
    pub cache: SegmentCache,
    /// Times morestack linked a segment (each is undone by one lessstack unless the
    /// run ended early).
    pub splits: u64,
    /// Segments mapped, the first one included.
    pub allocated: u64,
    /// Splits that reused a kept segment instead of mapping one.
    pub reused: u64,
    /// Segments unmapped before the end of the run (by lessstack with
    /// [`SegmentCache::None`], or a kept segment too small for a later split).
    pub freed: u64,
    /// The longest chain of segments at once (1: the program never split).
    pub max_chain: u64,
    /// Splits of functions with stack-passed arguments (copied to the new segment).
    pub stack_arg_splits: u64,
    /// Splits whose frame did not fit an ordinary segment (it got a bigger one).
    pub oversized: u64,
}

impl fmt::Display for RunStats {
    /// One `key: value` per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "strategy: {}", self.strategy)?;
        writeln!(f, "stack_reserved: {}", self.stack_reserved)?;
        writeln!(f, "peak_stack: {}", self.peak_stack)?;
        writeln!(f, "morestack_calls: {}", self.morestack_calls)?;
        writeln!(f, "host_calls: {}", self.host_calls)?;
        writeln!(f, "reserve: {}", self.reserve)?;
        if let Some(s) = &self.segments {
            writeln!(f, "segment_size: {}", s.segment_size)?;
            writeln!(f, "segment_cache: {}", s.cache)?;
            writeln!(f, "splits: {}", s.splits)?;
            writeln!(f, "segments_allocated: {}", s.allocated)?;
            writeln!(f, "segments_reused: {}", s.reused)?;
            writeln!(f, "segments_freed: {}", s.freed)?;
            writeln!(f, "max_chain: {}", s.max_chain)?;
            writeln!(f, "stack_arg_splits: {}", s.stack_arg_splits)?;
            writeln!(f, "oversized_splits: {}", s.oversized)?;
        }
        if let Some(c) = &self.copying {
            writeln!(f, "initial_size: {}", c.initial_size)?;
            writeln!(f, "force_move: {}", c.force_move)?;
            writeln!(f, "moves: {}", c.moves)?;
            writeln!(f, "grows: {}", c.grows)?;
            writeln!(f, "shrinks: {}", c.shrinks)?;
            writeln!(f, "bytes_copied: {}", c.bytes_copied)?;
            writeln!(f, "bytes_remapped: {}", c.bytes_remapped)?;
            writeln!(f, "frames_walked: {}", c.frames_walked)?;
            writeln!(f, "pointers_adjusted: {}", c.pointers_adjusted)?;
            writeln!(f, "peak_size: {}", c.peak_size)?;
            writeln!(f, "stacks_reused: {}", c.reused)?;
        }
        if let Some(g) = &self.goroutines {
            writeln!(f, "goroutines_created: {}", g.created)?;
            writeln!(f, "goroutines_peak_alive: {}", g.peak_alive)?;
            writeln!(f, "goroutine_switches: {}", g.switches)?;
            writeln!(f, "preemptions: {}", g.preemptions)?;
            writeln!(f, "goroutine_stack_peak: {}", g.peak_stack_bytes)?;
            writeln!(f, "channels: {}", g.channels)?;
        }
        Ok(())
    }
}

/// A program stack that grows by its strategy and is kept between calls: the *stack
/// object* the strategies grow (segmented: its chain of segments; copying: its current
/// stack and the spare ones; fixed: its reservation). Calls on it run one at a time, on
/// the calling thread; it may move to another thread between calls.
///
/// ```no_run
/// # use morestack_runtime::{GrowableStack, StackConfig, SegmentCache, EntryFn};
/// # fn f(entry: EntryFn) -> Result<(), morestack_runtime::RunError> {
/// let mut stack = GrowableStack::new(&StackConfig::segmented(8 << 10, SegmentCache::Keep, 1 << 30))?;
/// let (args, mut results) = ([10i64], [0i64]);
/// // SAFETY: `entry` is an entry trampoline for a function of one i64 argument and one
/// // i64 result, compiled with the stack check for this runtime.
/// unsafe { stack.call(entry, args.as_ptr(), results.as_mut_ptr())? };
/// # Ok(()) }
/// ```
pub struct GrowableStack {
    st: Box<state::RunState>,
    fixed: Option<stack::FixedStack>,
}

// SAFETY: the state's raw pointers (output sink, user data, segment descriptors) are
// only used during a call, on the thread making it; between calls nothing else refers
// to the stack's memory.
unsafe impl Send for GrowableStack {}

impl GrowableStack {
    /// Maps a stack as `cfg` says (the first segment, the first copying stack, or the
    /// fixed reservation). Errors: an invalid configuration, or memory that could not be
    /// mapped ([`RunError::Setup`]).
    pub fn new(cfg: &StackConfig) -> Result<GrowableStack, RunError> {
        let (st, fixed) = state::RunState::new(cfg)?;
        Ok(GrowableStack { st, fixed })
    }

    /// Calls `entry` on this stack: the enter routine switches to the stack (its bottom
    /// again, whatever an earlier call left), calls `entry(ctx, args, results)` and
    /// switches back. Output of the print host functions is dropped (see
    /// [`call_with_output`](Self::call_with_output)).
    ///
    /// Returns why the call ended early: a panic, a stack overflow, a host function's
    /// failure ([`RunError::Host`]), or a stack that could not grow.
    ///
    /// # Safety
    /// `entry` runs arbitrary machine code: it must be an entry trampoline following the
    /// stack ABI (crate docs, "What generated code must do") whose code and every
    /// function it reaches are still mapped, compiled with the stack check for this
    /// runtime (with their stack maps registered for the copying strategy), and `args`
    /// and `results` must point to memory of the sizes the trampoline reads and writes.
    pub unsafe fn call(
        &mut self,
        entry: EntryFn,
        args: *const i64,
        results: *mut i64,
    ) -> Result<(), RunError> {
        let mut sink = std::io::sink();
        // SAFETY: forwarded (this function's contract).
        unsafe { self.st.call(entry, args, results, &mut sink) }
    }

    /// As [`call`](Self::call), with the print host functions writing to `out`.
    ///
    /// # Safety
    /// As [`call`](Self::call).
    pub unsafe fn call_with_output(
        &mut self,
        entry: EntryFn,
        args: *const i64,
        results: *mut i64,
        out: &mut dyn Write,
    ) -> Result<(), RunError> {
        // SAFETY: forwarded (this function's contract).
        unsafe { self.st.call(entry, args, results, out) }
    }

    /// Sets the pointer host functions get from [`user_data`] during later calls.
    pub fn set_user_data(&mut self, data: *mut ()) {
        self.st.user_data = data;
    }

    /// The error the last call's failing host function passed to [`host_fail`].
    pub fn take_host_error(&mut self) -> Option<Box<dyn std::any::Any + Send>> {
        self.st.host_error.take()
    }

    /// What the runtime did on this stack so far (all calls).
    pub fn stats(&self) -> RunStats {
        self.st.stats(self.fixed.as_ref())
    }
}

/// The pointer set with [`GrowableStack::set_user_data`], for a host function.
///
/// # Safety
/// `ctx` is the context a host function received (a call in progress on this thread).
pub unsafe fn user_data(ctx: *mut Context) -> *mut () {
    // SAFETY: the caller passes the context of a call in progress.
    unsafe { state::state(ctx).user_data }
}

/// Ends the call in progress with [`RunError::Host`], keeping `err` for
/// [`GrowableStack::take_host_error`]: the program stack is abandoned and the call
/// returns.
///
/// # Safety
/// `ctx` is the context a host function received, called on the system stack by the
/// host-call thunk of a call in progress on this thread; every Rust frame between here
/// and the thunk is discarded without running destructors, so they must own nothing
/// that needs `Drop` (call this from the outermost frame of the host function, with
/// everything else already dropped).
pub unsafe fn host_fail(ctx: *mut Context, err: Box<dyn std::any::Any + Send>) -> ! {
    // SAFETY: the caller passes the context of a call in progress on this thread.
    let st = unsafe { state::state(ctx) };
    // A goroutine's failure is the run's: its root state keeps the error.
    let st = state::root_of(st);
    st.host_error = Some(err);
    state::abandon(st, RunError::Host)
}

/// Runs `entry` (the compiler's entry trampoline) on a new stack set up as `cfg` says, on
/// the calling thread: `args` are passed to it, `results` receive the target's results,
/// and everything the program prints goes to `out`.
///
/// Returns the run's statistics, or why it ended early: a Go panic, a stack overflow, or
/// (as [`RunError::Panic`] starting `morestack: `) an invalid configuration or a stack
/// that could not be reserved.
///
/// # Safety
/// `entry` runs arbitrary machine code: it must be an entry trampoline following the
/// stack ABI (see "What generated code must do") for a target taking `args.len()`
/// arguments and giving at most `results.len()` results, whose code and every function
/// it reaches stay mapped during the run (with their stack maps registered for the
/// copying strategy).
pub unsafe fn run(
    cfg: &StackConfig,
    entry: EntryFn,
    args: &[i64],
    results: &mut [i64],
    out: &mut dyn Write,
) -> Result<RunStats, RunError> {
    // SAFETY: forwarded (this function's contract).
    let (stats, r) = unsafe { state::run(cfg, entry, args, results, out) };
    r.map(|()| stats)
}

/// As [`run`], but also returns the statistics when the run ended early (e.g. for
/// `--stats` after a stack overflow or a panic). For a configuration error the
/// statistics are all zero.
///
/// # Safety
/// As [`run`].
pub unsafe fn run_with_stats(
    cfg: &StackConfig,
    entry: EntryFn,
    args: &[i64],
    results: &mut [i64],
    out: &mut dyn Write,
) -> (RunStats, Result<(), RunError>) {
    // SAFETY: forwarded (this function's contract).
    unsafe { state::run(cfg, entry, args, results, out) }
}
