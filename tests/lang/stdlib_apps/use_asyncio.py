# asyncio: an event loop running coroutines, tasks, gather, queues, events, timeouts.
import asyncio


async def worker(name, queue, results):
    while True:
        item = await queue.get()
        if item is None:
            queue.task_done()
            return name
        await asyncio.sleep(0)
        results.append((name, item * item))
        queue.task_done()


async def slow():
    await asyncio.sleep(10)


async def main():
    queue = asyncio.Queue()
    results = []
    tasks = [asyncio.create_task(worker(f"w{i}", queue, results)) for i in range(3)]
    for i in range(9):
        await queue.put(i)
    for _ in tasks:
        await queue.put(None)
    await queue.join()
    names = await asyncio.gather(*tasks)
    print(sorted(names), sorted(v for _, v in results))
    print(await asyncio.gather(asyncio.sleep(0, "a"), asyncio.sleep(0, "b")))
    try:
        await asyncio.wait_for(slow(), timeout=0.01)
    except asyncio.TimeoutError:
        print("timed out")
    ev = asyncio.Event()

    async def setter():
        await asyncio.sleep(0)
        ev.set()
        return "set"

    t = asyncio.create_task(setter())
    await ev.wait()
    print(await t, ev.is_set(), t.done())

    async def boom():
        raise ValueError("bad")

    r = await asyncio.gather(boom(), asyncio.sleep(0, 1), return_exceptions=True)
    print([type(x).__name__ for x in r])
    t = asyncio.create_task(slow())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled", t.cancelled())
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, 42)
    print(await fut)
    return "done"


print(asyncio.run(main()))
