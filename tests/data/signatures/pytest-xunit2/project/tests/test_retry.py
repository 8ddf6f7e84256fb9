import pytest

from shopkit.retry import RetryClient, RetryExhausted


@pytest.mark.replies(["ERR busy", "ERR busy"], default="OK 17")
def test_recovers_after_two_transient_errors(stock_server):
    client = RetryClient(stock_server.host, stock_server.port, max_attempts=3)
    assert client.request("STOCK SKU-0001") == "17"


@pytest.mark.replies([], default="ERR busy")
@pytest.mark.parametrize("max_attempts", [2, 5])
def test_every_attempt_reaches_the_server(stock_server, max_attempts):
    client = RetryClient(stock_server.host, stock_server.port, max_attempts=max_attempts)
    with pytest.raises(RetryExhausted):
        client.request("STOCK SKU-0002")
    assert stock_server.hits == max_attempts, f"server {stock_server.address} saw {stock_server.hits} requests"


@pytest.mark.replies(["ERR timeout"], default="OK 3")
def test_attempt_counter(stock_server):
    client = RetryClient(stock_server.host, stock_server.port, max_attempts=2)
    client.request("STOCK SKU-0003")
    assert client.stats.attempts == 2


@pytest.mark.replies([], default="OK 9")
def test_first_try_success(stock_server):
    client = RetryClient(stock_server.host, stock_server.port)
    assert client.request("STOCK SKU-0004") == "9"
    assert client.stats.attempts == 1


@pytest.mark.timeout(1)
@pytest.mark.replies(["ERR busy retry-after=250"], default="OK 5")
def test_honours_retry_after_hint(stock_server):
    client = RetryClient(stock_server.host, stock_server.port, max_attempts=4)
    assert client.request("STOCK SKU-0005") == "5"
    assert client.stats.slept_ms == pytest.approx(250, abs=1)


@pytest.mark.timeout(1)
@pytest.mark.replies(["ERR busy retry-after=40", "ERR busy retry-after=80"], default="OK 6")
def test_retry_after_total_budget(stock_server):
    client = RetryClient(stock_server.host, stock_server.port, max_attempts=4)
    client.request("STOCK SKU-0006")
    assert client.stats.slept_ms < 200
