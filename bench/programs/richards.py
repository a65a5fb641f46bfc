# group: objects
# An OO task scheduler in the style of Richards: tasks, packets, queues and state flags.
IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1


class Packet:
    def __init__(self, link, ident, kind):
        self.link, self.ident, self.kind = link, ident, kind
        self.datum = 0
        self.data = [0] * 4

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class Task:
    def __init__(self, sched, ident, priority, queue):
        self.sched, self.ident, self.priority = sched, ident, priority
        self.queue = queue
        self.waiting = queue is not None
        self.held = False
        self.link = None

    def runnable(self):
        return not self.held and (not self.waiting or self.queue is not None)

    def take_packet(self):
        p = self.queue
        self.queue = p.link
        self.waiting = False
        return p

    def add_packet(self, p):
        self.queue = p.append_to(self.queue)


class IdleTask(Task):
    def __init__(self, sched, count):
        super().__init__(sched, IDLE, 0, None)
        self.seed, self.count = 1, count

    def step(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.sched.hold_self()
        if self.seed & 1 == 0:
            self.seed >>= 1
            return self.sched.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return self.sched.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, sched, queue):
        super().__init__(sched, WORKER, 1000, queue)
        self.dest, self.count = HANDLER_A, 0

    def step(self, packet):
        if packet is None:
            return self.sched.wait()
        self.dest = HANDLER_B if self.dest == HANDLER_A else HANDLER_A
        packet.ident = self.dest
        packet.datum = 0
        for i in range(4):
            self.count += 1
            if self.count > 26:
                self.count = 1
            packet.data[i] = 64 + self.count
        return self.sched.queue_packet(packet)


class HandlerTask(Task):
    def __init__(self, sched, ident, queue):
        super().__init__(sched, ident, 2000 + ident, queue)
        self.work, self.device = None, None

    def step(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.device = packet.append_to(self.device)
        if self.work is not None:
            w = self.work
            if w.datum >= 4:
                self.work = w.link
                return self.sched.queue_packet(w)
            if self.device is not None:
                d = self.device
                self.device = d.link
                d.datum = w.data[w.datum]
                w.datum += 1
                return self.sched.queue_packet(d)
        return self.sched.wait()


class DeviceTask(Task):
    def __init__(self, sched, ident):
        super().__init__(sched, ident, 4000 + ident, None)
        self.pending = None

    def step(self, packet):
        if packet is None:
            if self.pending is None:
                return self.sched.wait()
            p, self.pending = self.pending, None
            return self.sched.queue_packet(p)
        self.pending = packet
        self.sched.hold_count += 1
        return self.sched.hold_self()


class Scheduler:
    def __init__(self):
        self.tasks = {}
        self.order = []
        self.current = None
        self.hold_count = 0
        self.queue_count = 0

    def add(self, task):
        self.tasks[task.ident] = task
        self.order.append(task)
        self.order.sort(key=lambda t: -t.priority)

    def run(self):
        while True:
            task = next((t for t in self.order if t.runnable()), None)
            if task is None:
                return
            self.current = task
            packet = task.take_packet() if task.queue is not None and task.waiting is False and False else None
            if task.queue is not None and not task.held:
                packet = task.take_packet()
            task.step(packet)

    def hold_self(self):
        self.current.held = True

    def release(self, ident):
        self.tasks[ident].held = False

    def wait(self):
        self.current.waiting = True

    def queue_packet(self, packet):
        target = self.tasks[packet.ident]
        self.queue_count += 1
        packet.link = None
        packet.ident = self.current.ident
        target.add_packet(packet)


def run_once(count):
    s = Scheduler()
    s.add(IdleTask(s, count))
    wq = Packet(None, 0, KIND_WORK)
    wq = Packet(wq, 0, KIND_WORK)
    s.add(WorkerTask(s, wq))
    for h, dev in ((HANDLER_A, DEVICE_A), (HANDLER_B, DEVICE_B)):
        q = Packet(None, dev, KIND_DEVICE)
        q = Packet(q, dev, KIND_DEVICE)
        q = Packet(q, dev, KIND_DEVICE)
        s.add(HandlerTask(s, h, q))
    s.add(DeviceTask(s, DEVICE_A))
    s.add(DeviceTask(s, DEVICE_B))
    s.run()
    return s.queue_count, s.hold_count


print([run_once(3000) for _ in range(40)])
