"""Contains all the data models used in inputs/outputs"""

from .api_fault import ApiFault
from .license_ import License
from .license_collection import LicenseCollection
from .license_collection_links import LicenseCollectionLinks
from .product_sku import ProductSku
from .resource_attributes import ResourceAttributes
from .service_plan import ServicePlan
from .throttle_fault import ThrottleFault

__all__ = (
    "ApiFault",
    "License",
    "LicenseCollection",
    "LicenseCollectionLinks",
    "ProductSku",
    "ResourceAttributes",
    "ServicePlan",
    "ThrottleFault",
)
