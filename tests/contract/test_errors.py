"""Each error status reaches the SDK as the right exception class, with the OpenAI envelope."""
import openai
import pytest

from conftest import API_KEY

CASES = [
    (400, openai.BadRequestError),
    (401, openai.AuthenticationError),
    (403, openai.PermissionDeniedError),
    (404, openai.NotFoundError),
    (409, openai.ConflictError),
    (429, openai.RateLimitError),
    (500, openai.InternalServerError),
    (503, openai.InternalServerError),
]


@pytest.mark.parametrize("status,exception", CASES)
def test_forced_errors_map_to_exception_classes(client, status, exception):
    with pytest.raises(exception) as error:
        client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "hi"}],
            extra_headers={"x-mock-error": str(status)},
        )
    assert error.value.status_code == status
    assert error.value.request_id and error.value.request_id.startswith("req_")
    assert isinstance(error.value.body, dict) and "message" in error.value.body


def test_forced_error_before_stream(client):
    with pytest.raises(openai.RateLimitError) as error:
        client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "hi"}],
            stream=True,
            extra_headers={"x-mock-error": "429"},
        )
    assert error.value.response.headers.get("retry-after")


def test_unknown_model_is_404_also_when_streaming(client):
    for stream in (False, True):
        with pytest.raises(openai.NotFoundError) as error:
            client.chat.completions.create(
                model="no-such-model", messages=[{"role": "user", "content": "hi"}], stream=stream
            )
        assert error.value.code == "model_not_found"


def test_missing_messages_names_param(client):
    with pytest.raises(openai.BadRequestError) as error:
        client.chat.completions.create(model="gpt-4o-mini", messages=[])
    assert error.value.param == "messages"


def test_bad_key(server):
    bad = openai.OpenAI(base_url=server.base_url, api_key="wrong-key", max_retries=0)
    with pytest.raises(openai.AuthenticationError) as error:
        bad.models.list()
    assert error.value.code == "invalid_api_key"


def test_unknown_fields_are_tolerated(client):
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "hi"}],
        extra_body={"some_future_field": {"x": 1}},
    )
    assert completion.choices[0].message.content


def test_rate_limit_retry_headers(server):
    from conftest import Server

    limited = Server({"RATE_LIMIT_PER_MINUTE": "2"})
    try:
        client = openai.OpenAI(base_url=limited.base_url, api_key=API_KEY, max_retries=0)
        raw = client.models.with_raw_response.list()
        assert raw.headers["x-ratelimit-limit-requests"] == "2"
        client.models.list()
        with pytest.raises(openai.RateLimitError) as error:
            client.models.list()
        assert error.value.code == "rate_limit_exceeded"
        assert int(error.value.response.headers["retry-after"]) >= 1
        assert int(error.value.response.headers["retry-after-ms"]) > 0
    finally:
        limited.stop()
