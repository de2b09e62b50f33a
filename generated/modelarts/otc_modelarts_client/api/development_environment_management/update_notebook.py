from http import HTTPStatus
from typing import Any
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


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UpdateNotebookResponse | None:
    if response.status_code == 200:
        if not response.content.strip():  # a documented JSON body that is absent: nothing to parse
            return None
        response_200 = UpdateNotebookResponse.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        return None

    if response.status_code == 401:
        return None

    if response.status_code == 403:
        return None

    if response.status_code == 404:
        return None

    if 200 <= response.status_code <= 299:
        if not response.content.strip():
            return None
        try:
            _body = response.json()
        except ValueError:
            raise errors.UnexpectedStatus(response.status_code, response.content) from None
        try:
            response_200 = UpdateNotebookResponse.from_dict(_body)

            return response_200
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
        raise errors.UnexpectedStatus(response.status_code, response.content)

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[UpdateNotebookResponse]:
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
) -> Response[UpdateNotebookResponse]:
    """Updating a Notebook Instance

     This API is used to update a development environment instance, including the name, description,
    specifications, and image ID. This API can be used only when the notebook instance is stopped.

    Args:
        project_id (str | None): Project ID. For details, see Obtaining a Project ID and Name.
            None (the default): ``client.project_id``.
        id (str): Notebook instance ID.
        body (UpdateNotebookRequest | Unset): The request body; its fields, their descriptions and
            limits: the model's docstring.

    Raises:
        OTCAPIError: The service answered an error status (4xx/5xx; documented: 401, 403, 404),
            with a client from ``connect()`` (unless ``raise_for_error=False``).
        errors.UnexpectedStatus: An undocumented non-2xx status while
            Client.raise_on_unexpected_status is True, or an undocumented 2xx whose body does not fit
            the return type.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UpdateNotebookResponse]: status code, headers, raw content and ``parsed``:
        200 (OK): UpdateNotebookResponse.
        201 (Created): None (no body).
        Any other 2xx: the body parsed into UpdateNotebookResponse where it fits, else
            errors.UnexpectedStatus.
        None when a JSON body is expected and the response has none.
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
) -> UpdateNotebookResponse | None:
    """Updating a Notebook Instance

     This API is used to update a development environment instance, including the name, description,
    specifications, and image ID. This API can be used only when the notebook instance is stopped.

    Args:
        project_id (str | None): Project ID. For details, see Obtaining a Project ID and Name.
            None (the default): ``client.project_id``.
        id (str): Notebook instance ID.
        body (UpdateNotebookRequest | Unset): The request body; its fields, their descriptions and
            limits: the model's docstring.

    Raises:
        OTCAPIError: The service answered an error status (4xx/5xx; documented: 401, 403, 404),
            with a client from ``connect()`` (unless ``raise_for_error=False``).
        errors.UnexpectedStatus: An undocumented non-2xx status while
            Client.raise_on_unexpected_status is True, or an undocumented 2xx whose body does not fit
            the return type.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UpdateNotebookResponse | None: the parsed body:
        200 (OK): UpdateNotebookResponse.
        201 (Created): None (no body).
        Any other 2xx: the body parsed into UpdateNotebookResponse where it fits, else
            errors.UnexpectedStatus.
        None when a JSON body is expected and the response has none.
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
) -> Response[UpdateNotebookResponse]:
    """Updating a Notebook Instance

     This API is used to update a development environment instance, including the name, description,
    specifications, and image ID. This API can be used only when the notebook instance is stopped.

    Args:
        project_id (str | None): Project ID. For details, see Obtaining a Project ID and Name.
            None (the default): ``client.project_id``.
        id (str): Notebook instance ID.
        body (UpdateNotebookRequest | Unset): The request body; its fields, their descriptions and
            limits: the model's docstring.

    Raises:
        OTCAPIError: The service answered an error status (4xx/5xx; documented: 401, 403, 404),
            with a client from ``connect()`` (unless ``raise_for_error=False``).
        errors.UnexpectedStatus: An undocumented non-2xx status while
            Client.raise_on_unexpected_status is True, or an undocumented 2xx whose body does not fit
            the return type.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UpdateNotebookResponse]: status code, headers, raw content and ``parsed``:
        200 (OK): UpdateNotebookResponse.
        201 (Created): None (no body).
        Any other 2xx: the body parsed into UpdateNotebookResponse where it fits, else
            errors.UnexpectedStatus.
        None when a JSON body is expected and the response has none.
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
) -> UpdateNotebookResponse | None:
    """Updating a Notebook Instance

     This API is used to update a development environment instance, including the name, description,
    specifications, and image ID. This API can be used only when the notebook instance is stopped.

    Args:
        project_id (str | None): Project ID. For details, see Obtaining a Project ID and Name.
            None (the default): ``client.project_id``.
        id (str): Notebook instance ID.
        body (UpdateNotebookRequest | Unset): The request body; its fields, their descriptions and
            limits: the model's docstring.

    Raises:
        OTCAPIError: The service answered an error status (4xx/5xx; documented: 401, 403, 404),
            with a client from ``connect()`` (unless ``raise_for_error=False``).
        errors.UnexpectedStatus: An undocumented non-2xx status while
            Client.raise_on_unexpected_status is True, or an undocumented 2xx whose body does not fit
            the return type.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UpdateNotebookResponse | None: the parsed body:
        200 (OK): UpdateNotebookResponse.
        201 (Created): None (no body).
        Any other 2xx: the body parsed into UpdateNotebookResponse where it fits, else
            errors.UnexpectedStatus.
        None when a JSON body is expected and the response has none.
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            id=id,
            client=client,
            body=body,
        )
    ).parsed
