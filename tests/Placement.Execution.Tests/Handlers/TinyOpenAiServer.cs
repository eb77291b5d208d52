using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Placement.Execution.Tests.Handlers;

/// <summary>
/// A real OpenAI-compatible HTTP server on 127.0.0.1 (HttpListener): answers POST /v1/chat/completions with a
/// fixed reply and usage, and records every request body and Authorization header it received.
/// </summary>
internal sealed class TinyOpenAiServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;

    public TinyOpenAiServer(string reply, int failFirst = 0)
    {
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext ctx;
                try
                {
                    ctx = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (Requests)
                {
                    Requests.Add((ctx.Request.Url!.AbsolutePath, ctx.Request.Headers["Authorization"] ?? "", body));
                }

                if (Requests.Count <= failFirst)
                {
                    ctx.Response.StatusCode = 503;
                    ctx.Response.Close();
                    continue;
                }

                var model = JsonDocument.Parse(body).RootElement.GetProperty("model").GetString();
                var json = JsonSerializer.Serialize(new
                {
                    id = "chatcmpl-test",
                    @object = "chat.completion",
                    created = 1,
                    model,
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = reply }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = 120, completion_tokens = 30, total_tokens = 150 },
                });
                var bytes = Encoding.UTF8.GetBytes(json);
                ctx.Response.ContentType = "application/json";
                ctx.Response.ContentLength64 = bytes.Length;
                await ctx.Response.OutputStream.WriteAsync(bytes);
                ctx.Response.Close();
            }
        });
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/v1");

    public List<(string Path, string Authorization, string Body)> Requests { get; } = [];

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
