"""Models, legacy completions, embeddings and the Responses API through the official Python SDK."""
import base64
import struct

import numpy
import openai
import pytest


def test_models(client):
    ids = [m.id for m in client.models.list()]
    assert "gpt-4o-mini" in ids and "text-embedding-3-small" in ids and "blueprint-echo" in ids
    model = client.models.retrieve("gpt-4o-mini")
    assert model.id == "gpt-4o-mini" and model.object == "model"
    with pytest.raises(openai.NotFoundError) as error:
        client.models.retrieve("no-such-model")
    assert error.value.code == "model_not_found"


def test_completions(client):
    completion = client.completions.create(model="gpt-3.5-turbo-instruct", prompt="Once upon a time", max_tokens=8)
    assert completion.object == "text_completion"
    assert completion.choices[0].finish_reason == "length"
    assert completion.usage.completion_tokens == 8
    many = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=["a", "b"], n=2, max_tokens=3)
    assert [c.index for c in many.choices] == [0, 1, 2, 3]
    tokens = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=[[1, 2, 3], [4, 5]], max_tokens=2)
    assert len(tokens.choices) == 2
    echo = client.completions.create(model="gpt-3.5-turbo-instruct", prompt="Echo me", echo=True, max_tokens=2)
    assert echo.choices[0].text.startswith("Echo me")
    streamed = "".join(
        c.choices[0].text
        for c in client.completions.create(
            model="gpt-3.5-turbo-instruct", prompt="Once upon a time", max_tokens=8, stream=True
        )
    )
    assert streamed == completion.choices[0].text


def test_embeddings_sdk_default_is_base64(client):
    response = client.embeddings.create(model="text-embedding-3-small", input="hello world")
    vector = numpy.array(response.data[0].embedding)
    assert vector.shape == (1536,)
    assert abs(numpy.linalg.norm(vector) - 1) < 1e-3
    floats = client.embeddings.create(model="text-embedding-3-small", input="hello world", encoding_format="float")
    assert numpy.allclose(floats.data[0].embedding, vector, atol=1e-6)
    short = client.embeddings.create(model="text-embedding-3-small", input=["a", "b"], dimensions=64)
    assert len(short.data) == 2 and len(short.data[0].embedding) == 64
    assert short.data[0].embedding != short.data[1].embedding
    assert short.usage.prompt_tokens == short.usage.total_tokens > 0


def test_embeddings_raw_base64_is_little_endian_float32(client):
    raw = client.embeddings.with_raw_response.create(
        model="text-embedding-3-small", input="x", encoding_format="base64", dimensions=4
    )
    encoded = raw.http_response.json()["data"][0]["embedding"]
    values = struct.unpack("<4f", base64.b64decode(encoded))
    assert abs(sum(v * v for v in values) - 1) < 1e-5


def test_responses_create(client):
    response = client.responses.create(model="gpt-4o-mini", input="Write a haiku", instructions="Be poetic")
    assert response.object == "response" and response.status == "completed"
    assert response.id.startswith("resp_")
    assert response.output[0].type == "message"
    assert response.output_text
    assert response.usage.total_tokens == response.usage.input_tokens + response.usage.output_tokens


def test_responses_stream_helper(client):
    full = client.responses.create(model="gpt-4o-mini", input="Write a haiku")
    with client.responses.stream(model="gpt-4o-mini", input="Write a haiku") as stream:
        types = [event.type for event in stream]
        final = stream.get_final_response()
    assert types[0] == "response.created"
    assert types[-1] == "response.completed"
    assert "response.output_text.delta" in types
    assert final.output_text == full.output_text


def test_responses_function_tool(client):
    tool = {
        "type": "function",
        "name": "lookup",
        "description": "Look something up",
        "parameters": {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]},
    }
    response = client.responses.create(model="gpt-4o", input="Look up otters", tools=[tool])
    call = response.output[0]
    assert call.type == "function_call" and call.name == "lookup"
    assert call.call_id.startswith("call_")
    with client.responses.stream(model="gpt-4o", input="Look up otters", tools=[tool]) as stream:
        types = [event.type for event in stream]
        final = stream.get_final_response()
    assert "response.function_call_arguments.delta" in types
    assert final.output[0].arguments == call.arguments
