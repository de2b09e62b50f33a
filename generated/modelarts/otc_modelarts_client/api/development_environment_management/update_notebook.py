from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.update_notebook_request import UpdateNotebookRequest
from ...models.update_notebook_response import UpdateNotebookResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    project_id: str,
    body: UpdateNotebookRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/{project_id}/notebooks/{id}".format(
            project_id=quote(str(project_id), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | UpdateNotebookResponse | None:
    if response.status_code == 200:
        response_200 = UpdateNotebookResponse.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = cast(Any, None)
        return response_201

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | UpdateNotebookResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    project_id: str | None = None,
    body: UpdateNotebookRequest | Unset = UNSET,
) -> Response[Any | UpdateNotebookResponse]:
    """Updating a Notebook Instance

     This API is used to update a development environment instance, including the name, description,
    specifications, and image ID. This API can be used only when the notebook instance is stopped.

    Args:
        project_id (str):
        id (str):
        body (UpdateNotebookRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | UpdateNotebookResponse]
    """

    if project_id is None:
        project_id = client.project_id
    if project_id is None:
        raise ValueError(
            "project_id is not set: pass project_id=... to this call or give the client one (connect(project_id=...))"
        )

    kwargs = _get_kwargs(
        project_id=project_id,
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    project_id: str | None = None,
    body: UpdateNotebookRequest | Unset = UNSET,
) -> Any | UpdateNotebookResponse | None:
    """Updating a Notebook Instance

     This API is used to update a development environment instance, including the name, description,
    specifications, and image ID. This API can be used only when the notebook instance is stopped.

    Args:
        project_id (str):
        id (str):
        body (UpdateNotebookRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | UpdateNotebookResponse
    """

    return sync_detailed(
        project_id=project_id,
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    project_id: str | None = None,
    body: UpdateNotebookRequest | Unset = UNSET,
) -> Response[Any | UpdateNotebookResponse]:
    """Updating a Notebook Instance

     This API is used to update a development environment instance, including the name, description,
    specifications, and image ID. This API can be used only when the notebook instance is stopped.

    Args:
        project_id (str):
        id (str):
        body (UpdateNotebookRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | UpdateNotebookResponse]
    """

    if project_id is None:
        project_id = client.project_id
    if project_id is None:
        raise ValueError(
            "project_id is not set: pass project_id=... to this call or give the client one (connect(project_id=...))"
        )

    kwargs = _get_kwargs(
        project_id=project_id,
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    project_id: str | None = None,
    body: UpdateNotebookRequest | Unset = UNSET,
) -> Any | UpdateNotebookResponse | None:
    """Updating a Notebook Instance

     This API is used to update a development environment instance, including the name, description,
    specifications, and image ID. This API can be used only when the notebook instance is stopped.

    Args:
        project_id (str):
        id (str):
        body (UpdateNotebookRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | UpdateNotebookResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            id=id,
            client=client,
            body=body,
        )
    ).parsed
