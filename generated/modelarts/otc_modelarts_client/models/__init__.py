"""Contains all the data models used in inputs/outputs"""

from .config import Config
from .config_type import ConfigType
from .container_hooks import ContainerHooks
from .custom_hooks import CustomHooks
from .endpoints_req import EndpointsReq
from .endpoints_req_dev_service import EndpointsReqDevService
from .endpoints_res import EndpointsRes
from .endpoints_res_dev_service import EndpointsResDevService
from .endpoints_res_service import EndpointsResService
from .image import Image
from .image_arch import ImageArch
from .image_dev_services_item import ImageDevServicesItem
from .image_origin import ImageOrigin
from .image_resource_categories_item import ImageResourceCategoriesItem
from .image_service_type import ImageServiceType
from .image_status import ImageStatus
from .image_support_res_categories_item import ImageSupportResCategoriesItem
from .image_type import ImageType
from .image_visibility import ImageVisibility
from .job_progress import JobProgress
from .job_progress_status import JobProgressStatus
from .job_progress_step import JobProgressStep
from .lease import Lease
from .pool import Pool
from .update_notebook_request import UpdateNotebookRequest
from .update_notebook_response import UpdateNotebookResponse
from .update_notebook_response_feature import UpdateNotebookResponseFeature
from .update_notebook_response_status import UpdateNotebookResponseStatus
from .volume_res import VolumeRes
from .volume_res_category import VolumeResCategory
from .volume_res_ownership import VolumeResOwnership

__all__ = (
    "Config",
    "ConfigType",
    "ContainerHooks",
    "CustomHooks",
    "EndpointsReq",
    "EndpointsReqDevService",
    "EndpointsRes",
    "EndpointsResDevService",
    "EndpointsResService",
    "Image",
    "ImageArch",
    "ImageDevServicesItem",
    "ImageOrigin",
    "ImageResourceCategoriesItem",
    "ImageServiceType",
    "ImageStatus",
    "ImageSupportResCategoriesItem",
    "ImageType",
    "ImageVisibility",
    "JobProgress",
    "JobProgressStatus",
    "JobProgressStep",
    "Lease",
    "Pool",
    "UpdateNotebookRequest",
    "UpdateNotebookResponse",
    "UpdateNotebookResponseFeature",
    "UpdateNotebookResponseStatus",
    "VolumeRes",
    "VolumeResCategory",
    "VolumeResOwnership",
)
