# asyncio over real sockets: a TCP echo server on 127.0.0.1 (port 0) with streams, a
# socketpair-based connection, sock_* loop methods on non-blocking sockets, and timeouts.
import asyncio
import socket


async def handle(reader, writer):
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def tcp_echo():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    print(host, port > 0)
    reader, writer = await asyncio.open_connection(host, port)
    for word in ("alpha", "beta", "gamma"):
        writer.write(word.encode() + b"\n")
        await writer.drain()
        print(await reader.readline())
    print(writer.get_extra_info("peername") == (host, port))
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


async def pair_streams():
    a, b = socket.socketpair()
    reader, writer = await asyncio.open_connection(sock=a)
    loop = asyncio.get_running_loop()
    b.setblocking(False)
    await loop.sock_sendall(b, b"from the other end\n")
    print(await reader.readline())
    writer.write(b"reply")
    await writer.drain()
    print(await loop.sock_recv(b, 100))
    writer.close()
    await writer.wait_closed()
    b.close()


async def sock_methods():
    loop = asyncio.get_running_loop()
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    srv.setblocking(False)
    cli = socket.socket()
    cli.setblocking(False)
    await loop.sock_connect(cli, srv.getsockname())
    conn, addr = await loop.sock_accept(srv)
    print(addr[0], conn.getblocking())
    conn.setblocking(False)
    await loop.sock_sendall(cli, b"x" * 100000)
    got = 0
    while got < 100000:
        got += len(await loop.sock_recv(conn, 65536))
    print(got)
    try:
        await asyncio.wait_for(loop.sock_recv(conn, 10), timeout=0.05)
    except asyncio.TimeoutError:
        print("no data: timed out")
    for s in (cli, conn, srv):
        s.close()


async def main():
    await tcp_echo()
    await pair_streams()
    await sock_methods()


asyncio.run(main())
