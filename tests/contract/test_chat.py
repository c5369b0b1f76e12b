"""Chat completions through the official Python SDK."""
import json
from typing import Literal

import jsonschema
import openai
import pydantic
import pytest

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                "days": {"type": "integer", "minimum": 1, "maximum": 7},
            },
            "required": ["city", "unit"],
            "additionalProperties": False,
        },
    },
}


def test_non_stream_shape(client):
    completion = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Say hello"}]
    )
    assert completion.object == "chat.completion"
    assert completion.id.startswith("chatcmpl-")
    assert isinstance(completion.created, int)
    choice = completion.choices[0]
    assert choice.index == 0
    assert choice.message.role == "assistant"
    assert isinstance(choice.message.content, str) and choice.message.content
    assert choice.message.refusal is None
    assert choice.finish_reason == "stop"
    assert choice.logprobs is None
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    assert completion._request_id.startswith("req_")


def test_raw_body_has_required_null_keys(client):
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]
    )
    body = json.loads(raw.http_response.text)
    message = body["choices"][0]["message"]
    assert "refusal" in message and message["refusal"] is None
    assert "logprobs" in body["choices"][0] and body["choices"][0]["logprobs"] is None


def test_deterministic(client):
    request = dict(model="gpt-4o-mini", messages=[{"role": "user", "content": "Tell me about otters"}], seed=7)
    first = client.chat.completions.create(**request)
    second = client.chat.completions.create(**request)
    assert first.choices[0].message.content == second.choices[0].message.content
    other = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Explain tides"}], seed=7
    )
    assert other.choices[0].message.content != first.choices[0].message.content


def test_stream_matches_non_stream_with_usage(client):
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Describe a forest"}]
    full = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
    chunks = list(
        client.chat.completions.create(
            model="gpt-4o-mini", messages=messages, stream=True, stream_options={"include_usage": True}
        )
    )
    assert len({c.id for c in chunks}) == 1
    assert chunks[0].choices[0].delta.role == "assistant"
    roles = [c.choices[0].delta.role for c in chunks if c.choices and c.choices[0].delta.role]
    assert roles == ["assistant"], "role must be sent once"
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == full.choices[0].message.content
    assert chunks[-1].choices == []
    assert chunks[-1].usage.completion_tokens == full.usage.completion_tokens
    assert chunks[-1].usage.prompt_tokens == full.usage.prompt_tokens
    assert all(c.usage is None for c in chunks[:-1])
    finals = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert finals == ["stop"]


def test_stream_helper_accumulates(client):
    with client.chat.completions.stream(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Write a line"}]
    ) as stream:
        for _ in stream:
            pass
        final = stream.get_final_completion()
    assert final.choices[0].message.role == "assistant"
    assert final.choices[0].message.content


def test_n_choices(client):
    completion = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Name a colour"}], n=3
    )
    assert [c.index for c in completion.choices] == [0, 1, 2]
    stream = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Name a colour"}], n=2, stream=True
    )
    texts = {0: "", 1: ""}
    for chunk in stream:
        for choice in chunk.choices:
            texts[choice.index] += choice.delta.content or ""
    assert texts[0] == completion.choices[0].message.content
    assert texts[1] == completion.choices[1].message.content


def test_max_tokens_gives_length(client):
    completion = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Tell a long story"}], max_tokens=5
    )
    assert completion.choices[0].finish_reason == "length"
    assert completion.usage.completion_tokens == 5


def test_logprobs(client):
    completion = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], logprobs=True, top_logprobs=2
    )
    content = completion.choices[0].logprobs.content
    assert "".join(t.token for t in content) == completion.choices[0].message.content
    assert all(len(t.top_logprobs) == 2 and t.logprob <= 0 for t in content)


def test_tools_non_stream_and_stream(client):
    messages = [{"role": "user", "content": "What is the weather in Paris?"}]
    completion = client.chat.completions.create(model="gpt-4o", messages=messages, tools=[WEATHER_TOOL])
    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    call = choice.message.tool_calls[0]
    assert call.id.startswith("call_") and call.type == "function"
    jsonschema.validate(json.loads(call.function.arguments), WEATHER_TOOL["function"]["parameters"])

    with client.chat.completions.stream(model="gpt-4o", messages=messages, tools=[WEATHER_TOOL]) as stream:
        for _ in stream:
            pass
        final = stream.get_final_completion()
    streamed = final.choices[0].message.tool_calls[0]
    assert streamed.function.name == "get_weather"
    assert streamed.function.arguments == call.function.arguments
    assert streamed.id == call.id


def test_agent_loop_ends_after_tool_result(client):
    messages = [{"role": "user", "content": "What is the weather in Paris?"}]
    first = client.chat.completions.create(model="gpt-4o", messages=messages, tools=[WEATHER_TOOL])
    call = first.choices[0].message.tool_calls[0]
    messages += [
        {"role": "assistant", "content": None, "tool_calls": [call.model_dump()]},
        {"role": "tool", "tool_call_id": call.id, "content": '{"temperature": 21}'},
    ]
    second = client.chat.completions.create(model="gpt-4o", messages=messages, tools=[WEATHER_TOOL])
    assert second.choices[0].finish_reason == "stop"
    assert second.choices[0].message.content


def test_tool_choice_none_and_named(client):
    messages = [{"role": "user", "content": "Weather?"}]
    none = client.chat.completions.create(model="gpt-4o", messages=messages, tools=[WEATHER_TOOL], tool_choice="none")
    assert none.choices[0].message.tool_calls is None
    named = client.chat.completions.create(
        model="gpt-4o",
        messages=messages,
        tools=[WEATHER_TOOL],
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
    )
    assert named.choices[0].message.tool_calls[0].function.name == "get_weather"


class CalendarEvent(pydantic.BaseModel):
    name: str
    date: str
    participants: list[str]
    priority: Literal["low", "high"]


def test_parse_with_pydantic(client):
    completion = client.chat.completions.parse(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Alice and Bob meet on Friday"}],
        response_format=CalendarEvent,
    )
    event = completion.choices[0].message.parsed
    assert isinstance(event, CalendarEvent)
    assert event.priority in ("low", "high")


def test_json_object(client):
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Give me JSON"}],
        response_format={"type": "json_object"},
    )
    assert isinstance(json.loads(completion.choices[0].message.content), dict)


def test_content_parts_and_roles(client):
    completion = client.chat.completions.create(
        model="blueprint-echo",
        messages=[
            {"role": "developer", "content": "Be kind"},
            {"role": "user", "content": [{"type": "text", "text": "Hello "}, {"type": "text", "text": "there"}]},
        ],
    )
    assert completion.choices[0].message.content == "Hello there"




def test_async_client_stream(async_client):
    import asyncio

    async def run():
        stream = await async_client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], stream=True
        )
        return "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])

    assert asyncio.run(run())
